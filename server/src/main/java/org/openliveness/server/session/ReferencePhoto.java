package org.openliveness.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.openliveness.engine.verdict.Fingerprint;

/**
 * The reference selfie of a session, as stored.
 *
 * @param photoId     the stored photo
 * @param evidence    its biometric evidence, sealed; dropped at the verdict
 * @param fingerprint its replay fingerprint
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReferencePhoto(String photoId, String evidence, Fingerprint fingerprint) {

    ReferencePhoto withoutEvidence() {
        return new ReferencePhoto(photoId, null, fingerprint);
    }
}
