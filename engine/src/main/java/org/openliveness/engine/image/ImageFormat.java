package org.openliveness.engine.image;

/**
 * The encoded image formats the decoder accepts, as recognised by their leading bytes.
 *
 * <p>{@link #HEIC} stands for the HEVC-coded HEIF family (ftyp major brands {@code heic},
 * {@code heix}, {@code hevc}, {@code hevx}, {@code heim}, {@code heis}, {@code hevm},
 * {@code hevs}, and the generic {@code mif1}, {@code msf1}, {@code mif2}, {@code miaf}
 * unless their compatible brands say AVIF). AVIF ({@code avif}, {@code avis}) is not a
 * member: it is reported as an unsupported format.
 */
public enum ImageFormat {
    JPEG("image/jpeg"),
    PNG("image/png"),
    WEBP("image/webp"),
    HEIC("image/heic");

    private final String mediaType;

    ImageFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    /** The IANA media type of the format, for example {@code image/jpeg}. */
    public String mediaType() {
        return mediaType;
    }
}
