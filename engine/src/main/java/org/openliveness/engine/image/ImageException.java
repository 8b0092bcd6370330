package org.openliveness.engine.image;

import java.util.Objects;

/**
 * An uploaded image was refused. The {@link #code()} says why in a form a service can map to
 * a response; the message is a short sentence meant for the person who sent the image and
 * never contains stack traces or internal class names. The original exception, when there is
 * one, is kept as the cause for logs.
 */
public final class ImageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Why an image was refused. */
    public enum Code {
        /** No bytes at all. */
        EMPTY,
        /** More bytes than {@link ImageLimits#maxBytes()}. */
        TOO_LARGE,
        /** Not a JPEG, PNG, WebP or HEIC image, or a variant of one that is not supported (AVIF, CMYK JPEG). */
        UNSUPPORTED_FORMAT,
        /** A HEIC image, but this server has no HEIC decoder (libheif's {@code heif-dec}) installed. */
        UNSUPPORTED_ON_THIS_SERVER,
        /** Recognised format, but truncated or otherwise undecodable. */
        CORRUPT,
        /** Width or height below {@link ImageLimits#minSide()}. */
        TOO_SMALL,
        /** Width times height above {@link ImageLimits#maxPixels()}. */
        TOO_MANY_PIXELS
    }

    private final Code code;

    public ImageException(Code code, String message) {
        super(Objects.requireNonNull(message, "message"));
        this.code = Objects.requireNonNull(code, "code");
    }

    public ImageException(Code code, String message, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** Why the image was refused. */
    public Code code() {
        return code;
    }
}
