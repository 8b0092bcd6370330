package org.openliveness.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Decompression bombs in PNG metadata: a small PNG whose text or ICC chunk inflates to
 * 256 MiB (about 250 KB compressed). The pixels are decoded and the metadata ignored; the
 * property checked is that decoding allocates a few megabytes, not the inflated size — so a
 * 2 GiB bomb cannot take the heap. Before the fix metadata-extractor inflated every text
 * chunk (769 MiB allocated for 256 MiB of text), and read an ICC
 * profile lazily from the inflating stream up to its last tag.
 */
class PngMetadataBombTest {

    private static final long INFLATED_BYTES = 256L << 20;
    /** Decoding a 64×64 PNG allocates well under a megabyte; the first decode also loads classes. */
    private static final long ALLOCATION_LIMIT = 48L << 20;

    private final ImageDecoder decoder = new ImageDecoder();

    @ParameterizedTest(name = "{0} in a {1} PNG")
    @CsvSource({"zTXt, rgb", "zTXt, palette", "iTXt, rgb", "iTXt, palette", "iCCP, rgb", "iCCP, palette"})
    void compressedMetadataIsNeverInflated(String chunkType, String colours) {
        BufferedImage image = colours.equals("palette")
                ? new BufferedImage(64, 64, BufferedImage.TYPE_BYTE_INDEXED)
                : TestImages.noisy(64, 64, 3);
        byte[] bomb = TestImages.pngWithChunk(TestImages.png(image), chunkType, bombData(chunkType));
        assertTrue(bomb.length < 1 << 20, "the bomb is small: " + bomb.length + " bytes");

        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(thread);
        DecodedImage decoded = decoder.decode(bomb);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertEquals(64, decoded.image().width());
        assertEquals(64, decoded.image().height());
        assertTrue(allocated < ALLOCATION_LIMIT,
                () -> "decoding allocated " + (allocated >> 20) + " MiB for a " + (INFLATED_BYTES >> 20) + " MiB " + chunkType);
    }

    /**
     * The chunk's data: keyword and the header fields of its type, then 256 MiB deflated — for
     * iCCP an ICC header whose one tag lies at the end of the profile (a lazy profile reader
     * must inflate everything before it), then zeros.
     */
    private static byte[] bombData(String chunkType) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String header = switch (chunkType) {
            case "zTXt" -> "Comment\0\0";          // keyword, compression method 0
            case "iTXt" -> "Comment\0\1\0\0\0";    // keyword, compressed, method 0, no language, no translated keyword
            case "iCCP" -> "ICC profile\0\0";      // profile name, compression method 0
            default -> throw new IllegalArgumentException(chunkType);
        };
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        try (DeflaterOutputStream zip = new DeflaterOutputStream(out, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] block = new byte[1 << 20];
            if (chunkType.equals("iCCP")) {
                ByteBuffer icc = ByteBuffer.wrap(block);
                icc.putInt(0, (int) INFLATED_BYTES);                                  // profile size
                icc.put(36, "acsp".getBytes(StandardCharsets.US_ASCII));              // signature
                icc.putInt(128, 1);                                                   // tag count
                icc.put(132, "desc".getBytes(StandardCharsets.US_ASCII));             // tag signature
                icc.putInt(136, (int) INFLATED_BYTES - 16).putInt(140, 16);           // tag offset, size
            }
            zip.write(block);
            byte[] zeros = new byte[block.length];
            for (long written = block.length; written < INFLATED_BYTES; written += zeros.length) {
                zip.write(zeros);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
