package org.openliveness.engine.geometry;

import java.util.Objects;

/**
 * Head orientation as yaw, pitch and roll in degrees, derived from a rotation of the canonical face.
 *
 * <p>Frame: x to the image's right, y down the image, z away from the camera (into the image). The
 * canonical frontal face looks at the camera, so its "towards camera" (nose) axis is {@code (0,0,−1)}
 * and its x axis {@code (1,0,0)} runs from the subject's right eye to their left eye as seen in the
 * image. Signs:
 * <ul>
 *   <li>yaw &gt; 0: the subject turned to their own left, so the nose moves towards the image's right (+x);</li>
 *   <li>pitch &gt; 0: the subject looks up, so the nose moves up the image (−y);</li>
 *   <li>roll &gt; 0: the eye line turns clockwise on screen, i.e. the subject's left eye (image right)
 *       drops below their right eye; the head tilts towards the subject's left shoulder.</li>
 * </ul>
 *
 * @param yawDegrees   yaw in degrees, in (−180, 180]
 * @param pitchDegrees pitch in degrees, in [−90, 90]
 * @param rollDegrees  roll in degrees, in (−180, 180]
 */
public record HeadPose(double yawDegrees, double pitchDegrees, double rollDegrees) {

    public HeadPose {
        Points.requireFinite(yawDegrees, "yawDegrees");
        Points.requireFinite(pitchDegrees, "pitchDegrees");
        Points.requireFinite(rollDegrees, "rollDegrees");
    }

    /**
     * Angles of the face whose pose is {@code r}, the rotation mapping the canonical frontal face onto
     * the observed face. With {@code f = R·(0,0,−1)} and {@code x = R·(1,0,0)}:
     * {@code yaw = atan2(f.x, −f.z)}, {@code pitch = atan2(−f.y, hypot(f.x, f.z))},
     * {@code roll = atan2(x.y, x.x)}.
     */
    public static HeadPose fromRotation(Rotation3 r) {
        Objects.requireNonNull(r, "r");
        double fx = -r.get(0, 2);
        double fy = -r.get(1, 2);
        double fz = -r.get(2, 2);
        double yaw = Math.atan2(fx, -fz);
        double pitch = Math.atan2(-fy, Math.hypot(fx, fz));
        double roll = Math.atan2(r.get(1, 0), r.get(0, 0));
        return new HeadPose(Math.toDegrees(yaw), Math.toDegrees(pitch), Math.toDegrees(roll));
    }
}
