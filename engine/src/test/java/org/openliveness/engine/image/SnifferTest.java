package org.openliveness.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnifferTest {

    @Test
    void recognisesMagicBytes() {
        assertEquals(Optional.of(ImageFormat.JPEG), ImageDecoder.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0}));
        assertEquals(Optional.of(ImageFormat.PNG),
                ImageDecoder.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'}));
        assertEquals(Optional.of(ImageFormat.WEBP), ImageDecoder.sniff(ascii("RIFF\0\0\0\0WEBPVP8 ")));
        assertEquals(Optional.of(ImageFormat.HEIC), ImageDecoder.sniff(ftyp("heic")));
    }

    @Test
    void rejectsNearMisses() {
        assertEquals(Optional.empty(), ImageDecoder.sniff(new byte[0]));
        assertEquals(Optional.empty(), ImageDecoder.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8}));
        assertEquals(Optional.empty(), ImageDecoder.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A}));
        assertEquals(Optional.empty(), ImageDecoder.sniff(ascii("RIFF\0\0\0\0WAVEfmt ")));
        assertEquals(Optional.empty(), ImageDecoder.sniff(ascii("GIF89a......")));
        assertEquals(Optional.empty(), ImageDecoder.sniff(ftyp("isom", "mp41")));
        assertEquals(Optional.empty(), ImageDecoder.sniff(ascii("<html>hello</html>")));
    }

    @Test
    void heifBrands() {
        for (String brand : new String[] {"heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"}) {
            assertEquals(Sniffer.Kind.HEIC, Sniffer.sniff(ftyp(brand)), brand);
        }
        assertEquals(Sniffer.Kind.HEIC, Sniffer.sniff(ftyp("mif1", "heic")));
        assertEquals(Sniffer.Kind.HEIC, Sniffer.sniff(ftyp("msf1", "hevc")));
        assertEquals(Sniffer.Kind.HEIC, Sniffer.sniff(ftyp("mif1", "miaf")));
        assertEquals(Sniffer.Kind.HEIC, Sniffer.sniff(ftyp("mif1", "avif", "heic")));
        assertEquals(Sniffer.Kind.AVIF, Sniffer.sniff(ftyp("avif", "mif1")));
        assertEquals(Sniffer.Kind.AVIF, Sniffer.sniff(ftyp("avis")));
        assertEquals(Sniffer.Kind.AVIF, Sniffer.sniff(ftyp("mif1", "miaf", "avif")));
        assertEquals(Sniffer.Kind.UNKNOWN, Sniffer.sniff(ftyp("qt  ", "heic")));
    }

    @Test
    void compatibleBrandsBeyondTheBoxAreIgnored() {
        byte[] bytes = ftyp("mif1", "avif");
        ByteBuffer.wrap(bytes).putInt(16);
        assertEquals(Sniffer.Kind.HEIC, Sniffer.sniff(bytes));
    }

    /** An ftyp box with the given major brand, minor version 0 and compatible brands, then padding. */
    private static byte[] ftyp(String major, String... compatible) {
        ByteBuffer b = ByteBuffer.allocate(16 + 4 * compatible.length + 8);
        b.putInt(16 + 4 * compatible.length).put(ascii("ftyp")).put(ascii(major)).putInt(0);
        for (String brand : compatible) {
            b.put(ascii(brand));
        }
        return b.array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
