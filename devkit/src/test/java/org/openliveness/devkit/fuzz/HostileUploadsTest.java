package org.openliveness.devkit.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

class HostileUploadsTest {

    private static final long BOMB = 16L << 20;

    @Test
    void theSameSeedGivesTheSameCasesAndEveryKindComesUp() {
        List<HostileUploads.Case> a = new HostileUploads(7, BOMB).take(60);
        List<HostileUploads.Case> b = new HostileUploads(7, BOMB).take(60);
        Set<HostileUploads.Kind> kinds = EnumSet.noneOf(HostileUploads.Kind.class);
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).variant(), b.get(i).variant());
            assertArrayEquals(a.get(i).bytes(), b.get(i).bytes());
            kinds.add(a.get(i).kind());
        }
        assertEquals(EnumSet.allOf(HostileUploads.Kind.class), kinds);
        assertNotEquals(a.stream().map(HostileUploads.Case::variant).toList(),
                new HostileUploads(8, BOMB).take(60).stream().map(HostileUploads.Case::variant).toList());
    }

    @Test
    void aPngTextBombInflatesToWhatItClaims() throws DataFormatException {
        HostileUploads.Case bomb = new HostileUploads(1, BOMB).take(40).stream()
                .filter(c -> c.kind() == HostileUploads.Kind.PNG_TEXT_BOMB).findFirst().orElseThrow();
        byte[] png = bomb.bytes();
        long inflated = -1;
        int compressed = -1;
        for (int at = 8; at + 12 <= png.length; at += 12 + ByteBuffer.wrap(png, at, 4).getInt()) {
            int length = ByteBuffer.wrap(png, at, 4).getInt();
            String type = new String(png, at + 4, 4, StandardCharsets.US_ASCII);
            int keywordEnd = indexOf(png, at + 8, (byte) 0);
            if (type.equals("zTXt") || type.equals("iTXt")) {
                // zTXt: keyword 0 method, data; iTXt: keyword 0 flag method language 0 translated 0, data
                int zlib = keywordEnd + (type.equals("zTXt") ? 2 : 5);
                compressed = at + 8 + length - zlib;
                inflated = inflatedSize(png, zlib, compressed);
                break;
            }
        }
        assertEquals(BOMB, inflated, bomb.toString());
        assertTrue(compressed < BOMB / 500, "compressed about a thousand times: " + compressed);
    }

    @Test
    void aScanBombRepeatsScansHundredsOfTimesAndHugeDimensionsAreHuge() {
        List<HostileUploads.Case> cases = new HostileUploads(3, BOMB).take(13 * 6);
        HostileUploads.Case scans = cases.stream().filter(c -> c.kind() == HostileUploads.Kind.PROGRESSIVE_SCAN_BOMB).findFirst().orElseThrow();
        assertTrue(HostileUploads.scans(scans.bytes()).size() > 500, scans.toString());
        cases.stream().filter(c -> c.kind() == HostileUploads.Kind.HUGE_DIMENSIONS)
                .forEach(c -> assertTrue(c.variant().matches(".*(\\d{4,}|\\b0x0\\b).*"), c.variant()));
    }

    private static int indexOf(byte[] b, int from, byte value) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static long inflatedSize(byte[] b, int offset, int length) throws DataFormatException {
        Inflater inflater = new Inflater();
        inflater.setInput(b, offset, length);
        byte[] sink = new byte[1 << 16];
        long total = 0;
        while (!inflater.finished()) {
            int n = inflater.inflate(sink);
            if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                break;
            }
            total += n;
        }
        inflater.end();
        return total;
    }
}
