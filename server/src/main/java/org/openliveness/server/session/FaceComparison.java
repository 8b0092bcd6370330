package org.openliveness.server.session;

import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.engine.verdict.Examination;

/**
 * A selfie compared with a trusted image by {@link LivenessSessions#compareFaces}.
 *
 * @param selfie  what the examiner found in the selfie
 * @param trusted what the examiner found in the trusted image, or null when it cannot be decoded as an image
 * @param match   the face-match rule's result, or null when either has no usable face
 */
public record FaceComparison(Examination selfie, Examination trusted, CheckResult match) {

    /** Whether the trusted image could be decoded and showed one usable face. */
    public boolean trustedUsable() {
        return trusted != null && trusted.isUsable();
    }

    /** Whether both showed a usable face, so that {@link #match} is set. */
    public boolean compared() {
        return match != null;
    }
}
