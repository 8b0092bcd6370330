package org.openliveness.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** JPEG marker parsing, EXIF orientation and ICC profile recognition. */
class MetadataTest {

    private static final byte[] JPEG = TestImages.jpeg(TestImages.noisy(48, 40, 1), 0.9f, false);

    @Test
    void exifOrientationInBothByteOrders() {
        for (int orientation = 1; orientation <= 8; orientation++) {
            for (boolean little : new boolean[] {true, false}) {
                byte[] payload = TestImages.exifPayload(orientation, little);
                assertEquals(orientation, ExifOrientation.fromTiff(payload, 6, payload.length - 6));
            }
        }
    }

    @Test
    void invalidOrMissingOrientationIsOne() {
        byte[] payload = TestImages.exifPayload(9, true);
        assertEquals(1, ExifOrientation.fromTiff(payload, 6, payload.length - 6));
        byte[] garbage = new byte[40];
        assertEquals(1, ExifOrientation.fromTiff(garbage, 0, garbage.length));
        byte[] cut = TestImages.exifPayload(6, false);
        assertEquals(1, ExifOrientation.fromTiff(cut, 6, 14));
    }

    @Test
    void jpegHeaderFindsMarkers() {
        JpegHeader plain = JpegHeader.parse(JPEG);
        assertEquals(3, plain.components());
        assertArrayEquals(new int[] {1, 2, 3}, plain.componentIds());
        assertTrue(plain.jfif());
        assertFalse(plain.exif());
        assertEquals(-1, plain.adobeTransform());
        assertEquals(1, plain.exifOrientation());
        assertNull(plain.iccProfile());
        assertTrue(plain.isYCbCr());

        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] tagged = TestImages.withSegment(TestImages.withSegment(JPEG, 0xE2, TestImages.iccPayload(srgb)),
                0xE1, TestImages.exifPayload(3, true));
        JpegHeader header = JpegHeader.parse(tagged);
        assertTrue(header.exif());
        assertEquals(3, header.exifOrientation());
        assertArrayEquals(srgb, header.iccProfile());
    }

    @Test
    void strippingTheIccProfileRemovesOnlyItsSegment() {
        byte[] srgb = ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
        byte[] tagged = TestImages.withSegment(JPEG, 0xE2, TestImages.iccPayload(srgb));
        byte[] stripped = JpegHeader.parse(tagged).withoutIccProfile(tagged);
        assertArrayEquals(JPEG, stripped);
        assertSame(JPEG, JpegHeader.parse(JPEG).withoutIccProfile(JPEG));
    }

    @Test
    void jpegHeaderSurvivesTruncation() {
        for (int length = 2; length < 200; length++) {
            JpegHeader.parse(Arrays.copyOf(JPEG, length));
        }
        assertEquals(0, JpegHeader.parse(Arrays.copyOf(JPEG, 30)).components());
    }

    @Test
    void adobeTransformDecidesTheColourSpace() {
        byte[] adobe = {'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
        assertFalse(JpegHeader.parse(TestImages.withSegment(JPEG, 0xEE, adobe)).isYCbCr());
        adobe[11] = 1;
        JpegHeader header = JpegHeader.parse(TestImages.withSegment(JPEG, 0xEE, adobe));
        assertEquals(1, header.adobeTransform());
        assertTrue(header.isYCbCr());
    }

    @Test
    void recognisesSrgbProfilesOnly() {
        assertTrue(IccProfiles.isSrgb(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData()));
        assertFalse(IccProfiles.isSrgb(ICC_Profile.getInstance(ColorSpace.CS_LINEAR_RGB).getData()));
        assertFalse(IccProfiles.isSrgb(ICC_Profile.getInstance(ColorSpace.CS_GRAY).getData()));
        assertFalse(IccProfiles.isSrgb(ICC_Profile.getInstance(ColorSpace.CS_CIEXYZ).getData()));
        assertFalse(IccProfiles.isSrgb(new byte[10]));
        byte[] truncated = Arrays.copyOf(ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData(), 700);
        assertFalse(IccProfiles.isSrgb(truncated));
    }

    @Test
    void pngExifOrientationIsFoundBehindOtherChunksWithOrWithoutTheExifHeader() {
        byte[] png = TestImages.png(TestImages.noisy(40, 40, 2));
        byte[] exif = TestImages.exifPayload(6, true);
        byte[] tiff = Arrays.copyOfRange(exif, 6, exif.length);
        byte[] text = "Comment\0\0x".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals(6, ExifOrientation.fromPng(TestImages.pngWithChunk(TestImages.pngWithChunk(png, "eXIf", tiff), "zTXt", text)));
        assertEquals(6, ExifOrientation.fromPng(TestImages.pngWithChunk(png, "eXIf", exif)));
        assertEquals(1, ExifOrientation.fromPng(png));
    }

    @Test
    void pngChunkWalkSurvivesTruncationAndLiesAboutLengths() {
        byte[] exif = TestImages.exifPayload(3, false);
        byte[] png = TestImages.pngWithChunk(TestImages.png(TestImages.noisy(40, 40, 2)), "eXIf", Arrays.copyOfRange(exif, 6, exif.length));
        for (int length = 0; length < png.length; length++) {
            ExifOrientation.fromPng(Arrays.copyOf(png, length));
        }
        byte[] lying = png.clone();
        lying[33] = (byte) 0x7F; // the eXIf chunk's length: 2 GB
        assertEquals(1, ExifOrientation.fromPng(lying));
    }
}
