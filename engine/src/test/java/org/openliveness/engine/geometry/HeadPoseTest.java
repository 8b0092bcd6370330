package org.openliveness.engine.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class HeadPoseTest {

    /** Face plane at z = 0 (eyes, cheeks, mouth) with the nose tip at (0, 0, −1), towards the camera. */
    private static final double[] FACE = {
        -1, -1, 0,
        1, -1, 0,
        -1.2, 0.3, 0,
        1.2, 0.3, 0,
        0, 1.2, 0,
        0, 0, -1,
    };
    private static final int NOSE = 5;
    private static final int IMAGE_RIGHT_EYE = 1;

    private static HeadPose observe(double[] observed) {
        return HeadPose.fromRotation(Kabsch.fit(Kabsch.centreAndScale(FACE), Kabsch.centreAndScale(observed)));
    }

    /**
     * The observation a mirrored image would give: x negated, and the symmetric landmark pairs
     * (eyes 0/1, cheeks 2/3) swapped, because a landmark model labels them by anatomy, not by side.
     */
    private static double[] mirrorImage(double[] xyz) {
        double[] out = xyz.clone();
        for (int i = 0; i < out.length; i += 3) {
            out[i] = -out[i];
        }
        swap(out, 0, 1);
        swap(out, 2, 3);
        return out;
    }

    private static void swap(double[] xyz, int p, int q) {
        for (int k = 0; k < 3; k++) {
            double t = xyz[3 * p + k];
            xyz[3 * p + k] = xyz[3 * q + k];
            xyz[3 * q + k] = t;
        }
    }

    @Test
    void frontalFaceIsZero() {
        HeadPose pose = observe(FACE);
        assertEquals(0, pose.yawDegrees(), 1e-9);
        assertEquals(0, pose.pitchDegrees(), 1e-9);
        assertEquals(0, pose.rollDegrees(), 1e-9);
    }

    @Test
    void noseTowardsImageRightIsPositiveYaw() {
        double[] turned = Rotation3.aboutY(Math.toRadians(-30)).apply(FACE);
        assertTrue(turned[3 * NOSE] > 0, "nose moved to +x");
        HeadPose pose = observe(turned);
        assertEquals(30, pose.yawDegrees(), 1e-9);
        assertEquals(0, pose.pitchDegrees(), 1e-9);
        assertEquals(0, pose.rollDegrees(), 1e-9);
    }

    @Test
    void noseUpTheImageIsPositivePitch() {
        double[] raised = Rotation3.aboutX(Math.toRadians(-20)).apply(FACE);
        assertTrue(raised[3 * NOSE + 1] < 0, "nose moved to -y");
        HeadPose pose = observe(raised);
        assertEquals(20, pose.pitchDegrees(), 1e-9);
        assertEquals(0, pose.yawDegrees(), 1e-9);
        assertEquals(0, pose.rollDegrees(), 1e-9);
    }

    @Test
    void clockwiseEyeLineIsPositiveRoll() {
        double[] tilted = Rotation3.aboutZ(Math.toRadians(15)).apply(FACE);
        assertTrue(tilted[3 * IMAGE_RIGHT_EYE + 1] > FACE[3 * IMAGE_RIGHT_EYE + 1], "image-right eye moved down");
        HeadPose pose = observe(tilted);
        assertEquals(15, pose.rollDegrees(), 1e-9);
        assertEquals(0, pose.yawDegrees(), 1e-9);
        assertEquals(0, pose.pitchDegrees(), 1e-9);
    }

    @Test
    void mirroringFlipsYawAndRollButKeepsPitch() {
        Rotation3 r = Rotation3.aboutZ(Math.toRadians(8))
                .multiply(Rotation3.aboutX(Math.toRadians(-12)))
                .multiply(Rotation3.aboutY(Math.toRadians(-25)));
        double[] observed = r.apply(FACE);
        HeadPose pose = observe(observed);
        HeadPose mirrored = observe(mirrorImage(observed));
        assertTrue(pose.yawDegrees() > 15, "yaw " + pose.yawDegrees());
        assertTrue(pose.pitchDegrees() > 5, "pitch " + pose.pitchDegrees());
        assertEquals(-pose.yawDegrees(), mirrored.yawDegrees(), 1e-9);
        assertEquals(pose.pitchDegrees(), mirrored.pitchDegrees(), 1e-9);
        assertEquals(-pose.rollDegrees(), mirrored.rollDegrees(), 1e-9);
        assertTrue(Math.abs(pose.rollDegrees()) > 1, "roll " + pose.rollDegrees());
    }

    @Test
    void formulasOnAKnownMatrix() {
        Rotation3 yawOnly = Rotation3.aboutY(Math.toRadians(-40));
        assertEquals(40, HeadPose.fromRotation(yawOnly).yawDegrees(), 1e-12);
        Rotation3 lookingDown = Rotation3.aboutX(Math.toRadians(35));
        assertEquals(-35, HeadPose.fromRotation(lookingDown).pitchDegrees(), 1e-12);
        Rotation3 counterClockwise = Rotation3.aboutZ(Math.toRadians(-50));
        assertEquals(-50, HeadPose.fromRotation(counterClockwise).rollDegrees(), 1e-12);
    }
}
