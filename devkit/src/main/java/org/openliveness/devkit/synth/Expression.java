package org.openliveness.devkit.synth;

/**
 * Facial expressions {@link FaceRenderer} can synthesise by moving mesh points. Each is applied with
 * an amount in {@code [0, 1]}: 0 leaves the face as photographed, 1 is the full expression.
 */
public enum Expression {

    /**
     * Jaw dropped: the lower lip, chin and lower jaw move down along the face's own vertical axis so
     * that at amount 1 the lip gap is about {@link FaceRenderer#MOUTH_GAP} of the mouth's width, and the
     * opened mouth is filled with a dark colour.
     */
    MOUTH_OPEN,

    /**
     * Mouth corners pulled up and outwards (with the nearby lips and cheeks, weighted by distance to
     * the corner); no teeth are drawn.
     */
    SMILE,

    /**
     * Upper eyelids lowered onto the lower eyelids; the former eye opening is painted with skin colour
     * sampled around the lids and a dark lash line is drawn along the closed lid.
     */
    EYES_CLOSED
}
