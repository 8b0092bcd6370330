package org.openliveness.server.checkproxy;

import java.util.Map;
import org.openliveness.server.audit.AuditTrail;

/**
 * The summary message of an audit record, written like the seed's examples ("Received request to
 * verify liveness from userId=user-123."). Events this profile does not know (a newer version's)
 * still get a message naming the event.
 */
final class AuditMessages {

    private AuditMessages() {
    }

    static String of(AuditTrail.AuditRecord r) {
        String user = "userId=" + (r.userId() == null ? "(erased)" : r.userId());
        Map<String, Object> p = r.params();
        boolean single = Boolean.TRUE.equals(p.get("singleImage"));
        return switch (r.event()) {
            case "SESSION_CREATED" -> "Created a liveness capture session for " + user + ".";
            case "PROBE_IMAGE_RECORDED" -> "User with " + user + " recorded probe image"
                    + (single ? " for a single-image check." : p.get("challengeId") != null ? " for challenge " + p.get("challengeId") + "." : ".");
            case "REFERENCE_IMAGE_RECORDED" -> Boolean.TRUE.equals(p.get("trustedImage"))
                    ? "Trusted image of user with " + user + " was used as the reference image."
                    : "User with " + user + " recorded reference image.";
            case "VERDICT" -> single
                    ? "Single-image liveness check of " + user + " finished: " + p.get("outcome") + "."
                    : "Liveness check session of " + user + " finished: " + p.get("status")
                            + (Boolean.TRUE.equals(p.get("isAlive")) ? ", alive." : ", not alive.");
            case "USER_ERASED" -> "All data of a user was erased.";
            case "TRUSTED_IMAGE_ENROLLED" -> "Trusted image of user with " + user + " was enrolled.";
            case "TRUSTED_IMAGE_DELETED" -> "Trusted image of user with " + user + " was deleted.";
            case "LIVENESS_INITIATED" -> "Received request to initiate liveness verification from " + user
                    + (p.get("initiationType") != null ? "; initiation type " + p.get("initiationType") + "." : ".");
            case "VERIFICATION_REQUESTED" -> "Received request to verify liveness from " + user + ".";
            case "VERIFICATION_RESULT" -> "Liveness verification of " + user + " resulted in " + p.get("result") + ".";
            case "AUDIT_RECORD_READ" -> "Audit log " + p.get("auditLogId") + " was read.";
            default -> "Event " + r.event() + " for " + user + ".";
        };
    }
}
