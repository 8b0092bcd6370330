package org.openliveness.engine.image;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;
import javax.imageio.spi.IIORegistry;
import javax.imageio.spi.ImageReaderSpi;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Turns uploaded bytes into an upright {@link RgbImage}, refusing anything unsafe or unusable
 * with a typed {@link ImageException}. Thread-safe: it holds only immutable settings, and each
 * call uses its own reader.
 *
 * <p>Steps: check the byte count; recognise the format by its leading bytes only (see
 * {@link #sniff}); read the header dimensions without decoding pixels and refuse images with
 * a side below {@link ImageLimits#minSide()} or more than {@link ImageLimits#maxPixels()}
 * pixels; decode, subsampled by the smallest integer factor that brings the long side down to
 * {@link #maxDecodedSide()}; apply the EXIF orientation.
 *
 * <p>JPEG: baseline and progressive, 1 (gray) or 3 components. When the pixels are YCbCr or
 * gray and the embedded ICC profile, if any, is sRGB, the raw raster is read without the
 * JDK's colour management (the sRGB profile segments are dropped first, so the reader does
 * not even parse them) and converted with libjpeg's own fixed-point YCbCr formulas: the same
 * pixels as {@code ImageIO.read}, about three times faster when an sRGB profile is embedded.
 * Other JPEGs (non-sRGB profiles such as Display P3, RGB-coded JPEGs) take the colour-managed
 * path. CMYK and YCCK JPEGs are refused as UNSUPPORTED_FORMAT. A JPEG whose data ends early or
 * whose entropy-coded data is broken is refused as CORRUPT, although the JDK would return it
 * with a gray-filled remainder.
 *
 * <p>PNG and WebP (TwelveMonkeys) are decoded through Image I/O, the readers told to ignore
 * metadata. A PNG's EXIF orientation comes from its {@code eXIf} chunk, read here; no other PNG
 * metadata is read and nothing compressed in it is inflated: a text chunk ({@code zTXt},
 * {@code iTXt}) or ICC profile ({@code iCCP}) that inflates to gigabytes costs only its
 * compressed bytes (the JDK's reader skips them too). PNG ICC profiles are not applied: pixels
 * are taken as stored. A WebP's EXIF orientation is read with metadata-extractor (WebP
 * metadata chunks are not compressed, so its reads are bounded by the file's size). HEIC is converted by libheif's {@code heif-dec} when
 * it is installed (see {@link DecodedImage} for the conventions), otherwise refused as
 * UNSUPPORTED_ON_THIS_SERVER. AVIF is refused as UNSUPPORTED_FORMAT.
 */
public final class ImageDecoder {

    private static final int JPEG_CMYK_COMPONENTS = 4;
    /**
     * Most scans a JPEG may have. Encoders write 1 (baseline) or about 10 (progressive; up to a
     * few dozen with scan optimisation); the reader visits every block of the image in every
     * scan, so thousands of scans hold an analysis slot for seconds.
     */
    static final int MAX_JPEG_SCANS = 100;

    private final ImageLimits limits;
    private final int maxDecodedSide;

    /** A decoder with {@link ImageLimits#DEFAULTS} that decodes at full size. */
    public ImageDecoder() {
        this(ImageLimits.DEFAULTS);
    }

    /** A decoder with the given limits that decodes at full size. */
    public ImageDecoder(ImageLimits limits) {
        this(limits, Integer.MAX_VALUE);
    }

    /**
     * @param limits         bounds checked before decoding
     * @param maxDecodedSide longest side of the decoded image, in pixels, at least
     *                       {@code limits.minSide()}; {@link Integer#MAX_VALUE} for full size
     */
    public ImageDecoder(ImageLimits limits, int maxDecodedSide) {
        this.limits = Objects.requireNonNull(limits, "limits");
        if (maxDecodedSide < limits.minSide()) {
            throw new IllegalArgumentException(
                    "maxDecodedSide (" + maxDecodedSide + ") must be at least minSide (" + limits.minSide() + ")");
        }
        this.maxDecodedSide = maxDecodedSide;
    }

    public ImageLimits limits() {
        return limits;
    }

    /** Longest side of decoded images, in pixels; {@link Integer#MAX_VALUE} when decoding at full size. */
    public int maxDecodedSide() {
        return maxDecodedSide;
    }

    /**
     * The format of {@code bytes} judged by their leading bytes alone: JPEG {@code FF D8 FF};
     * PNG's 8-byte signature; WebP {@code RIFF....WEBP}; HEIC an ISO-BMFF {@code ftyp} box at
     * offset 4 with a HEIC-family brand (see {@link ImageFormat#HEIC}). Empty for anything
     * else, AVIF included.
     */
    public static Optional<ImageFormat> sniff(byte[] bytes) {
        return switch (Sniffer.sniff(Objects.requireNonNull(bytes, "bytes"))) {
            case JPEG -> Optional.of(ImageFormat.JPEG);
            case PNG -> Optional.of(ImageFormat.PNG);
            case WEBP -> Optional.of(ImageFormat.WEBP);
            case HEIC -> Optional.of(ImageFormat.HEIC);
            case AVIF, UNKNOWN -> Optional.empty();
        };
    }

    /**
     * Decodes an uploaded image.
     *
     * @throws ImageException       when the image is refused; its code says why
     * @throws UncheckedIOException only for server-side failures of the HEIC conversion
     *                              (temporary files, interruption)
     */
    public DecodedImage decode(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0) {
            throw new ImageException(ImageException.Code.EMPTY, "The image is empty");
        }
        if (bytes.length > limits.maxBytes()) {
            throw new ImageException(ImageException.Code.TOO_LARGE, String.format(Locale.ROOT,
                    "The image is %s; the limit is %s", size(bytes.length), size(limits.maxBytes())));
        }
        return switch (Sniffer.sniff(bytes)) {
            case JPEG -> decodeJpeg(bytes);
            case PNG -> decode(bytes, ImageFormat.PNG, Readers.PNG.createReader(), 0, ExifOrientation.fromPng(bytes));
            case WEBP -> decode(bytes, ImageFormat.WEBP, Readers.WEBP.createReader(), 0, ExifOrientation.fromWebp(bytes));
            case HEIC -> decodeHeic(bytes);
            case AVIF -> throw new ImageException(ImageException.Code.UNSUPPORTED_FORMAT,
                    "AVIF images are not supported; please send a JPEG, PNG, WebP or HEIC image");
            case UNKNOWN -> throw new ImageException(ImageException.Code.UNSUPPORTED_FORMAT,
                    "The data is not a JPEG, PNG, WebP or HEIC image");
        };
    }

    private DecodedImage decodeJpeg(byte[] bytes) {
        JpegHeader header = JpegHeader.parse(bytes);
        if (JpegHeader.scanCount(bytes) > MAX_JPEG_SCANS) {
            throw new ImageException(ImageException.Code.CORRUPT, "The image has more than " + MAX_JPEG_SCANS
                    + " scans; please send a JPEG as a camera or common encoder writes it");
        }
        if (header.components() == JPEG_CMYK_COMPONENTS) {
            throw new ImageException(ImageException.Code.UNSUPPORTED_FORMAT,
                    "CMYK JPEG images are not supported; please send an RGB JPEG");
        }
        boolean raw = header.components() == 1
                || (header.isYCbCr() && (header.iccProfile() == null || IccProfiles.isSrgb(header.iccProfile())));
        byte[] input = raw ? header.withoutIccProfile(bytes) : bytes;
        return decode(input, ImageFormat.JPEG, Readers.JPEG.createReader(), raw ? header.components() : 0,
                header.exifOrientation());
    }

    private DecodedImage decodeHeic(byte[] bytes) {
        byte[] png = HeifConverter.toPng(bytes);
        DecodedImage decoded = decode(png, ImageFormat.PNG, Readers.PNG.createReader(), 0, 1);
        return new DecodedImage(decoded.image(), ImageFormat.HEIC, 1,
                decoded.storedWidth(), decoded.storedHeight(), decoded.subsampling());
    }

    /**
     * Decodes with an Image I/O reader, which this method disposes.
     *
     * @param rawJpegComponents 1 or 3 to read a JPEG's raw gray or YCbCr raster and convert it
     *                          here, 0 to let the reader produce an image
     */
    private DecodedImage decode(byte[] bytes, ImageFormat format, ImageReader reader, int rawJpegComponents,
                                int orientation) {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            FatalWarnings warnings = new FatalWarnings();
            reader.addIIOReadWarningListener(warnings);
            int width = reader.getWidth(0);
            int height = reader.getHeight(0);
            checkDimensions(width, height);
            int factor = subsamplingFor(width, height);
            ImageReadParam param = reader.getDefaultReadParam();
            if (factor > 1) {
                param.setSourceSubsampling(factor, factor, 0, 0);
            }
            RgbImage rgb;
            if (rawJpegComponents > 0) {
                Raster raster = reader.readRaster(0, param);
                if (raster.getNumBands() != rawJpegComponents) {
                    throw new ImageException(ImageException.Code.CORRUPT, "The image is damaged and could not be decoded");
                }
                rgb = rawJpegComponents == 1 ? RgbConversion.fromGray(raster) : RgbConversion.fromYCbCr(raster);
            } else {
                rgb = RgbConversion.fromImage(reader.read(0, param));
            }
            warnings.check();
            rgb = ensureSubsampled(rgb, width, height, factor);
            return new DecodedImage(Orientation.apply(rgb, orientation), format, orientation, width, height, factor);
        } catch (ImageException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageException(ImageException.Code.CORRUPT, "The image is damaged and could not be decoded", e);
        } finally {
            reader.dispose();
        }
    }

    private void checkDimensions(int width, int height) {
        if (width < limits.minSide() || height < limits.minSide()) {
            throw new ImageException(ImageException.Code.TOO_SMALL, String.format(Locale.ROOT,
                    "The image is %dx%d pixels; each side must be at least %d pixels", width, height, limits.minSide()));
        }
        long pixels = (long) width * height;
        if (pixels > limits.maxPixels()) {
            throw new ImageException(ImageException.Code.TOO_MANY_PIXELS, String.format(Locale.ROOT,
                    "The image is %dx%d pixels (%.1f megapixels); the limit is %.1f megapixels",
                    width, height, pixels / 1e6, limits.maxPixels() / 1e6));
        }
    }

    /** Smallest integer factor that brings the long side to at most {@link #maxDecodedSide}. */
    private int subsamplingFor(int width, int height) {
        int longSide = Math.max(width, height);
        return Math.max(1, (longSide + maxDecodedSide - 1) / maxDecodedSide);
    }

    /** Subsamples here when a reader ignored the requested source subsampling. */
    private static RgbImage ensureSubsampled(RgbImage rgb, int width, int height, int factor) {
        int w = (width + factor - 1) / factor;
        int h = (height + factor - 1) / factor;
        if (rgb.width() == w && rgb.height() == h) {
            return rgb;
        }
        if (rgb.width() == width && rgb.height() == height) {
            return RgbConversion.subsample(rgb, factor);
        }
        throw new ImageException(ImageException.Code.CORRUPT, "The image is damaged and could not be decoded");
    }

    private static String size(long bytes) {
        return bytes < 1024 * 1024
                ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /**
     * Records warnings that mean pixels are missing or garbled: libjpeg's "Premature end of
     * JPEG file", "premature end of data segment" and "bad Huffman code", and the JDK's
     * "Truncated File". Benign ones (extraneous bytes before a marker) are ignored.
     */
    private static final class FatalWarnings implements IIOReadWarningListener {
        private boolean fatal;

        @Override
        public void warningOccurred(ImageReader source, String warning) {
            String w = warning == null ? "" : warning.toLowerCase(Locale.ROOT);
            if (w.contains("premature end") || w.contains("truncated") || w.contains("bad huffman")) {
                fatal = true;
            }
        }

        void check() {
            if (fatal) {
                throw new ImageException(ImageException.Code.CORRUPT, "The image is truncated or damaged");
            }
        }
    }

    /** Reader providers, looked up once: the JDK's JPEG and PNG readers, TwelveMonkeys' WebP reader. */
    private static final class Readers {
        static final ReaderFactory JPEG = jdk("jpeg", "com.sun.imageio.plugins.jpeg.JPEGImageReader");
        static final ReaderFactory PNG = jdk("png", "com.sun.imageio.plugins.png.PNGImageReader");
        static final ReaderFactory WEBP = new ReaderFactory(new WebPImageReaderSpi());

        /**
         * The JDK's own reader for {@code format}: the JPEG fast path relies on its
         * {@code readRaster} returning unconverted YCbCr. Falls back to the first registered one.
         */
        private static ReaderFactory jdk(String format, String pluginClassName) {
            Iterator<ImageReaderSpi> spis = IIORegistry.getDefaultInstance()
                    .getServiceProviders(ImageReaderSpi.class, spi -> pluginClassName.equals(((ImageReaderSpi) spi).getPluginClassName()), true);
            if (spis.hasNext()) {
                return new ReaderFactory(spis.next());
            }
            Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format);
            if (!readers.hasNext()) {
                throw new IllegalStateException("no Image I/O reader for " + format);
            }
            return new ReaderFactory(readers.next().getOriginatingProvider());
        }
    }

    private record ReaderFactory(ImageReaderSpi spi) {
        ImageReader createReader() {
            try {
                return spi.createReaderInstance();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
