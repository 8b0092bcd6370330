package org.openliveness.server.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.openliveness.engine.verdict.Check;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.Fingerprint;
import org.openliveness.engine.verdict.SingleImageJudge;
import org.openliveness.engine.verdict.SingleImageVerdict;
import org.openliveness.server.audit.AuditEvent;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.replay.ReplayFingerprints;
import org.openliveness.server.storage.PhotoKind;
import org.openliveness.server.storage.PhotoStore;

/**
 * One image checked on its own against a user's trusted image, without a session (the rule is
 * {@link SingleImageJudge}'s). Both images are examined in the analysis slots, kept encrypted under
 * the photo retention (the image as {@link PhotoKind#PROBE}, the trusted image as a copy of kind
 * {@link PhotoKind#REFERENCE}, so the audit trail can show them until the retention purges them),
 * and the check is audited: the probe image, the trusted image, and the verdict with
 * {@code singleImage: true} and {@code assurance: SINGLE_IMAGE}. An accepted image's fingerprint
 * joins the replay check. Thread-safe.
 */
public final class SingleImageChecks {

    private final AnalysisSlots slots;
    private final SingleImageJudge judge;
    private final PhotoStore photos;
    private final ReplayFingerprints fingerprints;
    private final Duration replayWindow;
    private final int replayMaxBits;
    private final AuditLog audit;
    private final Clock clock;

    SingleImageChecks(AnalysisSlots slots, SingleImageJudge judge, PhotoStore photos, ReplayFingerprints fingerprints,
                      Duration replayWindow, int replayMaxBits, AuditLog audit, Clock clock) {
        this.slots = Objects.requireNonNull(slots, "slots");
        this.judge = Objects.requireNonNull(judge, "judge");
        this.photos = Objects.requireNonNull(photos, "photos");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.replayWindow = Objects.requireNonNull(replayWindow, "replayWindow");
        this.replayMaxBits = replayMaxBits;
        this.audit = Objects.requireNonNull(audit, "audit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * What one check found.
     *
     * @param checkId        the check's id (in its audit records and replay fingerprint)
     * @param verdict        the verdict, which says it is a single image
     * @param probePhotoId   the stored image
     * @param trustedPhotoId the stored copy of the trusted image
     */
    public record Result(String checkId, SingleImageVerdict verdict, String probePhotoId, String trustedPhotoId) {
    }

    /**
     * Checks {@code image} against {@code trustedImage}.
     *
     * @throws SessionException.InvalidRequest for a user id that is empty or too long
     * @throws SessionException.UnusablePhoto  when {@code image} is no image this server decodes (nothing is stored)
     * @throws SessionException.Overloaded     when no analysis slot frees up in time
     */
    public Result check(String tenantId, String userId, byte[] image, byte[] trustedImage) {
        if (userId == null || userId.isBlank() || userId.length() > PhotoStore.MAX_USER_ID_LENGTH) {
            throw new SessionException.InvalidRequest("userId is required (1 to " + PhotoStore.MAX_USER_ID_LENGTH + " characters)");
        }
        Examination probe = slots.examine(image).examination();
        Examination trusted;
        try {
            trusted = slots.examine(trustedImage).examination();
        } catch (SessionException.UnusablePhoto undecodable) {
            trusted = null;
        }
        String checkId = UUID.randomUUID().toString();
        SingleImageVerdict verdict = trusted == null
                ? SingleImageVerdict.inconclusive(Check.FACE_MATCH, "the trusted image cannot be decoded", List.of())
                : judge.judge(probe, trusted, probe.isUsable() ? recent(tenantId, probe.evidence().fingerprint(), checkId) : List.of());

        String probePhotoId = photos.save(tenantId, userId, null, PhotoKind.PROBE, null, image);
        String trustedPhotoId = photos.save(tenantId, userId, null, PhotoKind.REFERENCE, null, trustedImage);
        if (verdict.accepted()) {
            fingerprints.record(tenantId, checkId, userId, PhotoKind.CHALLENGE, probe.evidence().fingerprint(), now());
        }
        audit.record(tenantId, userId, AuditEvent.PROBE_IMAGE_RECORDED,
                Map.of("checkId", checkId, "singleImage", true, "photoId", probePhotoId));
        audit.record(tenantId, userId, AuditEvent.REFERENCE_IMAGE_RECORDED,
                Map.of("checkId", checkId, "singleImage", true, "photoId", trustedPhotoId, "trustedImage", true));
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("checkId", checkId);
        params.put("singleImage", true);
        params.put("assurance", verdict.assurance());
        params.put("outcome", verdict.outcome().name());
        params.put("failedCheck", verdict.failedCheck() == null ? "" : verdict.failedCheck().wireName());
        params.put("failureReason", verdict.failureReason() == null ? "" : verdict.failureReason().name());
        params.put("probePhotoId", probePhotoId);
        params.put("trustedPhotoId", trustedPhotoId);
        audit.record(tenantId, userId, AuditEvent.VERDICT, params);
        return new Result(checkId, verdict, probePhotoId, trustedPhotoId);
    }

    private List<Fingerprint> recent(String tenantId, Fingerprint probe, String checkId) {
        Instant since = now().minus(replayWindow);
        return fingerprints.candidates(tenantId, probe, replayMaxBits, since, checkId).stream()
                .map(ReplayFingerprints.Candidate::fingerprint).toList();
    }

    private Instant now() {
        return clock.instant();
    }
}
