package org.openliveness.devkit.fuzz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

/**
 * Hostile uploads for the capture endpoints: truncated and bit-flipped images, huge declared
 * dimensions, decompression bombs (PNG text, ICC and pixel data), progressive JPEGs with
 * thousands of scans, malformed WebP and HEIC containers, polyglots, wrong part names and
 * wrong content types. Deterministic: the same seed gives the same cases, in the same order
 * (kinds in turn, each case's variant and bytes drawn from the seed). Not thread-safe; the
 * bombs, costly to compress, are built once per size and shared (read-only) by every instance.
 */
public final class HostileUploads {

    /** What a case is. */
    public enum Kind {
        TRUNCATED, BIT_FLIPPED, HUGE_DIMENSIONS, PNG_TEXT_BOMB, PNG_ICC_BOMB, PNG_IDAT_BOMB, PROGRESSIVE_SCAN_BOMB,
        WEBP_ODDITY, HEIC_ODDITY, POLYGLOT, WRONG_PART_NAME, WRONG_CONTENT_TYPE, GARBAGE
    }

    /** Where a case is sent: a challenge photo, the reference selfie, or a preview frame. */
    public enum Target { CHALLENGE, REFERENCE, PREVIEW }

    /**
     * One upload.
     *
     * @param kind        what it is
     * @param variant     which variant of the kind, for the report (e.g. {@code zTXt 2048 MiB})
     * @param target      the endpoint it goes to
     * @param partName    the multipart part carrying the bytes (the endpoint's own, unless the case is about that)
     * @param contentType the part's content type; null for none
     * @param bytes       the file
     */
    public record Case(int index, Kind kind, String variant, Target target, String partName, String contentType, byte[] bytes) {
        @Override
        public String toString() {
            return "#" + index + " " + kind + " (" + variant + ") → " + target + ", part " + partName + ", " + bytes.length + " bytes";
        }
    }

    /** The part name each endpoint reads its image from. */
    public static String partOf(Target target) {
        return switch (target) {
            case CHALLENGE -> "photo";
            case REFERENCE -> "selfie";
            case PREVIEW -> "frame";
        };
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final Map<Long, byte[]> ZEROS_DEFLATED = new ConcurrentHashMap<>();

    private final Random random;
    private final long bombBytes;
    private final byte[] jpeg;
    private final byte[] png;
    private final byte[] progressive;
    private int next;

    /** Cases with bombs that inflate to 2 GiB. */
    public HostileUploads(long seed) {
        this(seed, 2L << 30);
    }

    /**
     * @param bombBytes what a decompression bomb inflates to (its compressed size is about a
     *                  thousandth of this); at least 1 MiB
     */
    public HostileUploads(long seed, long bombBytes) {
        if (bombBytes < (1 << 20)) {
            throw new IllegalArgumentException("bombBytes must be at least 1 MiB, got " + bombBytes);
        }
        this.random = new Random(seed);
        this.bombBytes = bombBytes;
        BufferedImage picture = picture(new Random(seed), 320, 240);
        this.jpeg = encode(picture, "jpeg", false);
        this.png = encode(picture, "png", false);
        this.progressive = encode(smooth(640, 480), "jpeg", true);
    }

    /** The next case. */
    public Case next() {
        int index = next++;
        Kind kind = Kind.values()[index % Kind.values().length];
        Target target = Target.values()[random.nextInt(Target.values().length)];
        String part = partOf(target);
        return switch (kind) {
            case TRUNCATED -> truncated(index, target, part);
            case BIT_FLIPPED -> bitFlipped(index, target, part);
            case HUGE_DIMENSIONS -> hugeDimensions(index, target, part);
            case PNG_TEXT_BOMB -> pngTextBomb(index, target, part);
            case PNG_ICC_BOMB -> new Case(index, kind, "iCCP " + mib(bombBytes), target, part, "image/png",
                    withChunkBeforeIdat(png, chunk("iCCP", concat("sRGB\0\0".getBytes(StandardCharsets.ISO_8859_1),
                            zerosDeflated(bombBytes)))));
            case PNG_IDAT_BOMB -> pngIdatBomb(index, target, part);
            case PROGRESSIVE_SCAN_BOMB -> scanBomb(index, target, part);
            case WEBP_ODDITY -> webp(index, target, part);
            case HEIC_ODDITY -> heic(index, target, part);
            case POLYGLOT -> polyglot(index, target, part);
            case WRONG_PART_NAME -> {
                String[] names = {"image", "file", "photos", "photo[]", "Photo", "selfie ", "", "frames", "upload"};
                String name = names[random.nextInt(names.length)];
                yield new Case(index, kind, "part '" + name + "'", target, name.equals(part) ? "x" + name : name, "image/jpeg", jpeg);
            }
            case WRONG_CONTENT_TYPE -> {
                String[] types = {"image/png", "text/html", "application/octet-stream", "application/json", "image/svg+xml",
                    "multipart/mixed", "image/jpeg; charset=utf-16", null};
                String type = types[random.nextInt(types.length)];
                byte[] bytes = random.nextBoolean() ? jpeg : png;
                yield new Case(index, kind, (bytes == jpeg ? "JPEG as " : "PNG as ") + type, target, part, type, bytes);
            }
            case GARBAGE -> garbage(index, target, part);
        };
    }

    /** The first {@code count} cases. */
    public List<Case> take(int count) {
        List<Case> cases = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            cases.add(next());
        }
        return cases;
    }

    // ---- kinds

    private Case truncated(int index, Target target, String part) {
        byte[] source = pick();
        int keep = random.nextInt(source.length - 1) + 1;
        return new Case(index, Kind.TRUNCATED, name(source) + " cut at " + keep + "/" + source.length, target, part,
                type(source), Arrays.copyOf(source, keep));
    }

    private Case bitFlipped(int index, Target target, String part) {
        byte[] source = pick();
        byte[] bytes = source.clone();
        int flips = 1 + random.nextInt(32);
        for (int i = 0; i < flips; i++) {
            int at = random.nextInt(bytes.length);
            bytes[at] ^= (byte) (1 << random.nextInt(8));
        }
        boolean fixCrc = source == png && random.nextBoolean();
        if (fixCrc) {
            bytes = fixPngCrcs(bytes);
        }
        return new Case(index, Kind.BIT_FLIPPED, name(source) + " " + flips + " bits" + (fixCrc ? ", CRCs fixed" : ""), target, part,
                type(source), bytes);
    }

    private Case hugeDimensions(int index, Target target, String part) {
        int[][] sizes = {{65535, 65535}, {1, 65535}, {65535, 1}, {7071, 7071}, {0, 0}, {50_000, 1000}};
        int[] size = sizes[random.nextInt(sizes.length)];
        switch (random.nextInt(3)) {
            case 0 -> {
                int w = random.nextBoolean() ? size[0] : Integer.MAX_VALUE;
                int h = random.nextBoolean() ? size[1] : Integer.MAX_VALUE;
                byte[] bytes = png.clone();
                ByteBuffer.wrap(bytes, 16, 8).putInt(w).putInt(h);
                return new Case(index, Kind.HUGE_DIMENSIONS, "PNG IHDR " + w + "x" + h, target, part, "image/png", fixPngCrcs(bytes));
            }
            case 1 -> {
                byte[] source = random.nextBoolean() ? jpeg : progressive;
                byte[] bytes = source.clone();
                int sof = findSof(bytes);
                ByteBuffer.wrap(bytes, sof + 5, 4).putShort((short) size[1]).putShort((short) size[0]);
                return new Case(index, Kind.HUGE_DIMENSIONS, (source == jpeg ? "baseline" : "progressive") + " JPEG SOF "
                        + size[0] + "x" + size[1], target, part, "image/jpeg", bytes);
            }
            default -> {
                // A PNG within the pixel limit whose pixel rows are all present: memory, not refusal, is tested.
                int side = new int[]{4000, 5000, 7000}[random.nextInt(3)];
                return new Case(index, Kind.HUGE_DIMENSIONS, "PNG " + side + "x" + side + " grey, complete", target, part,
                        "image/png", pngOfZeros(side, side, 0, 8, (long) side * (side + 1)));
            }
        }
    }

    private Case pngTextBomb(int index, Target target, String part) {
        String type = random.nextBoolean() ? "zTXt" : "iTXt";
        byte[] body = type.equals("zTXt")
                ? concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), zerosDeflated(bombBytes))
                : concat("XML:com.adobe.xmp\0\1\0\0\0".getBytes(StandardCharsets.ISO_8859_1), zerosDeflated(bombBytes));
        int copies = 1 + random.nextInt(3);
        byte[] bytes = png;
        for (int i = 0; i < copies; i++) {
            bytes = withChunkBeforeIdat(bytes, chunk(type, body));
        }
        return new Case(index, Kind.PNG_TEXT_BOMB, copies + "× " + type + " " + mib(bombBytes), target, part, "image/png", bytes);
    }

    private Case pngIdatBomb(int index, Target target, String part) {
        if (random.nextBoolean()) {
            // Declared small, the pixel data inflates far beyond what the header needs.
            return new Case(index, Kind.PNG_IDAT_BOMB, "64x64 with " + mib(bombBytes) + " of IDAT", target, part, "image/png",
                    pngOfZeros(64, 64, 0, 8, bombBytes));
        }
        // Declared within the pixel limit, 16-bit RGBA: about 390 MB of rows from a few hundred kB.
        int side = random.nextBoolean() ? 6000 : 7000;
        long raw = (long) side * (1 + side * 8L);
        return new Case(index, Kind.PNG_IDAT_BOMB, "PNG " + side + "x" + side + " RGBA16 (" + mib(raw) + " raw)", target, part,
                "image/png", pngOfZeros(side, side, 6, 16, raw));
    }

    private Case scanBomb(int index, Target target, String part) {
        List<int[]> scans = scans(progressive);
        int[] last = scans.get(scans.size() - 1);
        // The smallest scan (a refinement of a smooth picture: a few hundred bytes, but every block is visited), or a random one.
        int[] which = random.nextBoolean() ? scans.stream().min(java.util.Comparator.comparingInt(s -> s[1] - s[0])).orElseThrow()
                : scans.get(random.nextInt(scans.size()));
        int size = which[1] - which[0];
        int repeats = Math.min(500 + random.nextInt(20_000), Math.max(10, (8 << 20) / size));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(progressive, 0, last[1]);
        for (int i = 0; i < repeats; i++) {
            out.write(progressive, which[0], which[1] - which[0]);
        }
        out.write(0xFF);
        out.write(0xD9);
        return new Case(index, Kind.PROGRESSIVE_SCAN_BOMB, repeats + " extra scans", target, part, "image/jpeg", out.toByteArray());
    }

    private Case webp(int index, Target target, String part) {
        int variant = random.nextInt(5);
        ByteArrayOutputStream chunks = new ByteArrayOutputStream();
        String what;
        switch (variant) {
            case 0 -> { // extended header with a 16384×16384 canvas, no image
                what = "VP8X canvas 16384x16384";
                chunks.writeBytes(riffChunk("VP8X", vp8x(16384, 16384)));
            }
            case 1 -> { // lossless with a 16384×16384 header over random data
                what = "VP8L 16384x16384 random data";
                byte[] body = randomBytes(200 + random.nextInt(4000));
                body[0] = 0x2f;
                int bits = (16383) | (16383 << 14);
                body[1] = (byte) bits;
                body[2] = (byte) (bits >> 8);
                body[3] = (byte) (bits >> 16);
                body[4] = (byte) ((bits >> 24) & 0x0f);
                chunks.writeBytes(riffChunk("VP8L", body));
            }
            case 2 -> { // lossy key frame header, 16383×16383, random partitions
                what = "VP8 16383x16383 random data";
                byte[] body = randomBytes(200 + random.nextInt(4000));
                body[0] = 0x10; body[1] = 0x02; body[2] = 0x00; // key frame, version 0, first partition size
                body[3] = (byte) 0x9d; body[4] = 0x01; body[5] = 0x2a;
                body[6] = (byte) 0xff; body[7] = 0x3f; body[8] = (byte) 0xff; body[9] = 0x3f;
                chunks.writeBytes(riffChunk("VP8 ", body));
            }
            case 3 -> { // an animation of many frames with huge offsets
                what = "animated VP8X, 2000 ANMF";
                chunks.writeBytes(riffChunk("VP8X", vp8x(16384, 16384)));
                byte[] anim = new byte[6];
                chunks.writeBytes(riffChunk("ANIM", anim));
                for (int i = 0; i < 2000; i++) {
                    chunks.writeBytes(riffChunk("ANMF", randomBytes(24)));
                }
            }
            default -> { // chunk sizes that lie
                what = "chunk size 0x7ffffff0";
                byte[] lie = riffChunk("VP8L", randomBytes(64));
                ByteBuffer.wrap(lie, 4, 4).order(java.nio.ByteOrder.LITTLE_ENDIAN).putInt(0x7ffffff0);
                chunks.writeBytes(lie);
            }
        }
        byte[] body = chunks.toByteArray();
        ByteBuffer riff = ByteBuffer.allocate(12 + body.length).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(random.nextInt(4) == 0 ? -1 : 4 + body.length)
                .put("WEBP".getBytes(StandardCharsets.US_ASCII)).put(body);
        return new Case(index, Kind.WEBP_ODDITY, what, target, part, "image/webp", riff.array());
    }

    private Case heic(int index, Target target, String part) {
        int variant = random.nextInt(4);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(box("ftyp", concat("heic".getBytes(StandardCharsets.US_ASCII), new byte[4],
                "mif1heic".getBytes(StandardCharsets.US_ASCII))));
        String what;
        switch (variant) {
            case 0 -> { // image spatial extents of 65535×65535 in a meta box, random item data
                what = "ispe 65535x65535";
                byte[] ispe = box("ispe", concat(new byte[4], ByteBuffer.allocate(8).putInt(65535).putInt(65535).array()));
                out.writeBytes(box("meta", concat(new byte[4], box("iprp", box("ipco", ispe)))));
                out.writeBytes(box("mdat", randomBytes(1000 + random.nextInt(5000))));
            }
            case 1 -> { // a box that claims to be larger than the file
                what = "meta size 2^31";
                byte[] meta = box("meta", randomBytes(100));
                ByteBuffer.wrap(meta).putInt(Integer.MAX_VALUE);
                out.writeBytes(meta);
            }
            case 2 -> { // 64-bit box size
                what = "mdat largesize 2^62";
                out.writeBytes(ByteBuffer.allocate(16).putInt(1).put("mdat".getBytes(StandardCharsets.US_ASCII))
                        .putLong(1L << 62).array());
                out.writeBytes(randomBytes(500));
            }
            default -> { // deeply nested boxes
                what = "1000 nested meta boxes";
                byte[] inner = box("free", new byte[0]);
                for (int i = 0; i < 1000; i++) {
                    inner = box(i % 2 == 0 ? "meta" : "iprp", inner);
                }
                out.writeBytes(inner);
            }
        }
        return new Case(index, Kind.HEIC_ODDITY, what, target, part, "image/heic", out.toByteArray());
    }

    private Case polyglot(int index, Target target, String part) {
        byte[] html = "<html><script>alert(document.cookie)</script></html>".getBytes(StandardCharsets.US_ASCII);
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 'a'};
        return switch (random.nextInt(6)) {
            case 0 -> new Case(index, Kind.POLYGLOT, "JPEG + ZIP", target, part, "image/jpeg", concat(jpeg, zip));
            case 1 -> new Case(index, Kind.POLYGLOT, "PNG + HTML", target, part, "image/png", concat(png, html));
            case 2 -> new Case(index, Kind.POLYGLOT, "JPEG + PNG", target, part, "image/jpeg", concat(jpeg, png));
            case 3 -> new Case(index, Kind.POLYGLOT, "GIF89a + JPEG", target, part, "image/gif",
                    concat("GIF89a".getBytes(StandardCharsets.US_ASCII), jpeg));
            case 4 -> new Case(index, Kind.POLYGLOT, "JPEG with HTML comment", target, part, "image/jpeg",
                    concat(Arrays.copyOf(jpeg, 2), jpegSegment(0xFE, html), Arrays.copyOfRange(jpeg, 2, jpeg.length)));
            default -> new Case(index, Kind.POLYGLOT, "%PDF + JPEG", target, part, "application/pdf",
                    concat("%PDF-1.4\n".getBytes(StandardCharsets.US_ASCII), jpeg));
        };
    }

    private Case garbage(int index, Target target, String part) {
        return switch (random.nextInt(5)) {
            case 0 -> new Case(index, Kind.GARBAGE, "1 byte", target, part, "image/jpeg", new byte[]{(byte) 0xFF});
            case 1 -> new Case(index, Kind.GARBAGE, "SOI + random", target, part, "image/jpeg",
                    concat(new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}, randomBytes(10 + random.nextInt(50_000))));
            case 2 -> new Case(index, Kind.GARBAGE, "PNG signature + random", target, part, "image/png",
                    concat(PNG_SIGNATURE, randomBytes(10 + random.nextInt(50_000))));
            case 3 -> new Case(index, Kind.GARBAGE, "random", target, part, "image/jpeg", randomBytes(1 + random.nextInt(100_000)));
            default -> new Case(index, Kind.GARBAGE, "JPEG markers only", target, part, "image/jpeg", markersOnly());
        };
    }

    // ---- helpers

    private byte[] pick() {
        return switch (random.nextInt(3)) {
            case 0 -> jpeg;
            case 1 -> png;
            default -> progressive;
        };
    }

    private String name(byte[] source) {
        return source == png ? "PNG" : source == jpeg ? "JPEG" : "progressive JPEG";
    }

    private String type(byte[] source) {
        return source == png ? "image/png" : "image/jpeg";
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private byte[] markersOnly() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        for (int i = 0; i < 5000; i++) {
            out.write(0xFF);
            out.write(0xC0 + random.nextInt(0x3F));
        }
        return out.toByteArray();
    }

    private static String mib(long bytes) {
        return bytes >= (1L << 30) ? (bytes >> 30) + " GiB" : (bytes >> 20) + " MiB";
    }

    private static BufferedImage picture(Random random, int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int base = (x * 255 / w) << 16 | (y * 255 / h) << 8 | 0x60;
                image.setRGB(x, y, base ^ random.nextInt(0x202020));
            }
        }
        return image;
    }

    private static BufferedImage smooth(int w, int h) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, (x * 255 / w) << 16 | (y * 255 / h) << 8 | 0x80);
            }
        }
        return image;
    }

    private static byte[] encode(BufferedImage image, String format, boolean progressive) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (progressive) {
                param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
            }
            try (ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
                writer.setOutput(ios);
                writer.write(null, new IIOImage(image, null, null), param);
            }
            writer.dispose();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(12 + data.length);
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        b.putInt(data.length).put(t).put(data);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        b.putInt((int) crc.getValue());
        return b.array();
    }

    /** The PNG with {@code chunk} inserted right after IHDR. */
    private static byte[] withChunkBeforeIdat(byte[] png, byte[] chunk) {
        int afterIhdr = 8 + 12 + 13;
        return concat(Arrays.copyOf(png, afterIhdr), chunk, Arrays.copyOfRange(png, afterIhdr, png.length));
    }

    /** Recomputes every chunk's CRC (chunks whose length runs past the end are left alone). */
    private static byte[] fixPngCrcs(byte[] bytes) {
        int at = 8;
        while (at + 12 <= bytes.length) {
            long length = ByteBuffer.wrap(bytes, at, 4).getInt() & 0xffffffffL;
            if (at + 12 + length > bytes.length) {
                break;
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, at + 4, 4 + (int) length);
            ByteBuffer.wrap(bytes, at + 8 + (int) length, 4).putInt((int) crc.getValue());
            at += 12 + (int) length;
        }
        return bytes;
    }

    /** A PNG of the given header whose IDAT inflates to {@code inflated} zero bytes (filter 0, black). */
    static byte[] pngOfZeros(int width, int height, int colourType, int bitDepth, long inflated) {
        byte[] ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) colourType)
                .put((byte) 0).put((byte) 0).put((byte) 0).array();
        return concat(PNG_SIGNATURE, chunk("IHDR", ihdr), chunk("IDAT", zerosDeflated(inflated)), chunk("IEND", new byte[0]));
    }

    /** A zlib stream of {@code n} zero bytes; built once per size. */
    static byte[] zerosDeflated(long n) {
        return ZEROS_DEFLATED.computeIfAbsent(n, size -> {
            Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8, size / 1000 + 1024));
            byte[] zeros = new byte[1 << 20];
            byte[] buffer = new byte[1 << 16];
            long left = size;
            while (left > 0) {
                int n1 = (int) Math.min(zeros.length, left);
                deflater.setInput(zeros, 0, n1);
                left -= n1;
                while (!deflater.needsInput()) {
                    out.write(buffer, 0, deflater.deflate(buffer));
                }
            }
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            return out.toByteArray();
        });
    }

    /** Offset of the JPEG's SOF marker (0xFF of SOF0..SOF2). */
    private static int findSof(byte[] jpeg) {
        for (int i = 2; i + 1 < jpeg.length; ) {
            if ((jpeg[i] & 0xff) != 0xFF) {
                throw new IllegalStateException("not a marker at " + i);
            }
            int marker = jpeg[i + 1] & 0xff;
            if (marker >= 0xC0 && marker <= 0xC2) {
                return i;
            }
            i += 2 + (((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff));
        }
        throw new IllegalStateException("no SOF");
    }

    /** Each scan of a JPEG as [start of its SOS marker, end of its entropy-coded data). */
    static List<int[]> scans(byte[] jpeg) {
        List<int[]> scans = new ArrayList<>();
        int i = 2;
        while (i + 3 < jpeg.length) {
            int marker = jpeg[i + 1] & 0xff;
            if (marker == 0xD9) {
                break;
            }
            int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
            if (marker != 0xDA) {
                i += 2 + length;
                continue;
            }
            int start = i;
            int j = i + 2 + length;
            while (j + 1 < jpeg.length) {
                if ((jpeg[j] & 0xff) == 0xFF) {
                    int m = jpeg[j + 1] & 0xff;
                    if (m != 0 && (m < 0xD0 || m > 0xD7)) {
                        break;
                    }
                }
                j++;
            }
            scans.add(new int[]{start, j});
            i = j;
        }
        if (scans.isEmpty()) {
            throw new IllegalStateException("no scan");
        }
        return scans;
    }

    private static byte[] jpegSegment(int marker, byte[] data) {
        return ByteBuffer.allocate(4 + data.length).put((byte) 0xFF).put((byte) marker).putShort((short) (2 + data.length)).put(data)
                .array();
    }

    private static byte[] riffChunk(String fourcc, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(8 + data.length + (data.length & 1)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }

    private static byte[] vp8x(int width, int height) {
        byte[] b = new byte[10];
        b[0] = 0x10 | 0x02; // alpha, animation flags
        int w = width - 1;
        int h = height - 1;
        b[4] = (byte) w; b[5] = (byte) (w >> 8); b[6] = (byte) (w >> 16);
        b[7] = (byte) h; b[8] = (byte) (h >> 8); b[9] = (byte) (h >> 16);
        return b;
    }

    private static byte[] box(String type, byte[] body) {
        return ByteBuffer.allocate(8 + body.length).putInt(8 + body.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(body).array();
    }
}
