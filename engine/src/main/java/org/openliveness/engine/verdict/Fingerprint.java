package org.openliveness.engine.verdict;

/**
 * What the replay check compares: two difference hashes and the measurements of the face.
 * Holds no image and no face template, so it may be kept longer than the photo.
 *
 * @param imageHash dHash of the whole photo
 * @param faceHash  dHash of the face box
 * @param yaw       degrees
 * @param pitch     degrees
 * @param eyes      mean eye openness 0..1
 * @param mouth     mouth openness 0..1
 * @param smile     smile score 0..1
 */
public record Fingerprint(long imageHash, long faceHash, double yaw, double pitch, double eyes, double mouth, double smile) {

    /** Largest measurement differences between two captures of one picture (re-encoded or resized). */
    static final double MAX_ANGLE_DIFFERENCE = 1.5;
    static final double MAX_SCORE_DIFFERENCE = 0.05;

    /**
     * Whether the two look like the same picture: both hashes within {@code maxBits} and every
     * measurement equal within re-encoding noise. Two live captures differ in at least one
     * measurement (the person moved, blinked or changed expression between challenges).
     */
    public boolean samePictureAs(Fingerprint other, int maxBits) {
        return samePictureAs(other, maxBits, 0, 0);
    }

    /**
     * {@link #samePictureAs(Fingerprint, int)} with the measurement tolerances widened by
     * {@code extraAngle} degrees and {@code extraScore}: for a client that must stay clear of the
     * rule's edge (the load command draws photos the server must never take for replays).
     */
    public boolean samePictureAs(Fingerprint other, int maxBits, double extraAngle, double extraScore) {
        double angle = MAX_ANGLE_DIFFERENCE + extraAngle;
        double score = MAX_SCORE_DIFFERENCE + extraScore;
        return ImageHash.distance(imageHash, other.imageHash) <= maxBits
                && ImageHash.distance(faceHash, other.faceHash) <= maxBits
                && Math.abs(yaw - other.yaw) <= angle
                && Math.abs(pitch - other.pitch) <= angle
                && Math.abs(eyes - other.eyes) <= score
                && Math.abs(mouth - other.mouth) <= score
                && Math.abs(smile - other.smile) <= score;
    }
}
