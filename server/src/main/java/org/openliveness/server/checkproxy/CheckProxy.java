package org.openliveness.server.checkproxy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openliveness.engine.verdict.SingleImageVerdict;
import org.openliveness.server.audit.AuditEvent;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.audit.AuditTrail;
import org.openliveness.server.checkproxy.CheckProxyError.Code;
import org.openliveness.server.enrolment.TrustedImage;
import org.openliveness.server.enrolment.UserDetailsProvider;
import org.openliveness.server.session.LivenessSession;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.session.SessionChallenge;
import org.openliveness.server.session.SessionException;
import org.openliveness.server.session.SessionResult;
import org.openliveness.server.session.SessionStatus;
import org.openliveness.server.session.SingleImageChecks;
import org.openliveness.server.storage.PhotoStore;

/**
 * Serves the seed's operations over the core: {@code init} creates a capture session whose
 * reference selfie is the user's trusted image ({@code TOKEN}) or allows a single image
 * ({@code NONE}); {@code verify} reads the session's verdict or runs the single-image check;
 * the audit reads. Decides nothing about liveness: it names what the core decided in the seed's terms.
 * {@link org.openliveness.server.enrolment.UserDetailsException}s and {@link SessionException}s
 * not mapped here reach {@link CheckProxyErrors}.
 */
final class CheckProxy {

    static final Duration DEFAULT_AUDIT_SPAN = Duration.ofDays(30);
    static final int DEFAULT_PAGE_SIZE = 100;
    static final int MAX_PAGE_SIZE = 1000;

    private final LivenessSessions sessions;
    private final SingleImageChecks singleImages;
    private final UserDetailsProvider userDetails;
    private final PhotoStore photos;
    private final AuditLog audit;
    private final AuditTrail trail;
    private final CheckProxyProperties settings;
    private final Clock clock;

    CheckProxy(LivenessSessions sessions, SingleImageChecks singleImages, UserDetailsProvider userDetails, PhotoStore photos,
               AuditLog audit, AuditTrail trail, CheckProxyProperties settings, Clock clock) {
        this.sessions = sessions;
        this.singleImages = singleImages;
        this.userDetails = userDetails;
        this.photos = photos;
        this.audit = audit;
        this.trail = trail;
        this.settings = settings;
        this.clock = clock;
    }

    CheckProxyApi.InitResponse init(String tenantId, CheckProxyApi.InitRequest request) {
        String userId = userId(request == null ? null : request.userId());
        CheckProxyProperties.Initiation type = settings.initiationFor(userId);
        if (type == CheckProxyProperties.Initiation.NONE) {
            audit.record(tenantId, userId, AuditEvent.LIVENESS_INITIATED, Map.of("initiationType", type.name()));
            return new CheckProxyApi.InitResponse(type.name(), null);
        }
        TrustedImage trusted = userDetails.trustedImage(tenantId, userId);
        LivenessSessions.Created created = sessions.create(tenantId, userId,
                settings.challengeCount() == 0 ? null : settings.challengeCount(), null, null);
        try {
            sessions.submitReference(created.token(), trusted.image(), tenantId);
        } catch (SessionException.UnusablePhoto e) {
            throw new CheckProxyError(Code.INITIATION_ERROR,
                    "Could not initiate liveness check for the user: the trusted image shows no usable face.");
        }
        audit.record(tenantId, userId, AuditEvent.LIVENESS_INITIATED,
                Map.of("initiationType", type.name(), "sessionId", created.session().id()));
        return new CheckProxyApi.InitResponse(type.name(), created.token());
    }

    CheckProxyApi.VerifyResponse verify(String tenantId, CheckProxyApi.VerifyRequest request) {
        String userId = userId(request == null ? null : request.userId());
        CheckProxyApi.LivenessRecord record = request.livenessRecord();
        boolean hasReference = record != null && record.reference() != null && !record.reference().isBlank();
        boolean hasImage = record != null && record.image() != null && !record.image().isBlank();
        if (!hasReference && !hasImage) {
            throw new CheckProxyError(Code.ERROR_REQUEST, "Invalid method arguments: livenessRecord needs an image or a reference.");
        }
        audit.record(tenantId, userId, AuditEvent.VERIFICATION_REQUESTED, Map.of("mode", hasReference ? "reference" : "image"));
        return hasReference ? verifySession(tenantId, userId, record.reference().strip()) : verifyImage(tenantId, userId, record.image());
    }

    private CheckProxyApi.VerifyResponse verifySession(String tenantId, String userId, String reference) {
        LivenessSession session;
        try {
            session = sessions.get(tenantId, reference);
        } catch (SessionException.NotFound e) {
            throw new CheckProxyError(Code.ERROR_NOT_FOUND, "Resource not found: no liveness check with this reference.");
        }
        if (!session.userId().equals(userId)) {
            throw new CheckProxyError(Code.VERIFICATION_ERROR, "Could not verify liveness of the user: the reference belongs to another user.");
        }
        if (session.status() == SessionStatus.IN_PROGRESS) {
            throw new CheckProxyError(Code.VERIFICATION_ERROR,
                    "Could not verify liveness of the user: the capture is not finished (" + session.challengesCompleted() + " of "
                            + session.challengesTotal() + " challenges done).");
        }
        if (session.status() == SessionStatus.EXPIRED) {
            throw new CheckProxyError(Code.VERIFICATION_ERROR, "Could not verify liveness of the user: the capture session expired.");
        }
        Optional<String> trustedPhotoId = session.referencePhotoId();
        if (trustedPhotoId.isEmpty()) {
            throw new CheckProxyError(Code.VERIFICATION_ERROR,
                    "Could not verify liveness of the user: the capture session has no reference face image.");
        }
        SessionResult result = session.result().orElseThrow(() -> new IllegalStateException("a completed session has a result"));
        boolean accepted = result.alive() && result.failureReason() == null;
        String probePhotoId = session.challenges().stream().map(SessionChallenge::photoId).filter(Objects::nonNull).findFirst().orElse(null);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("sessionId", session.id());
        params.put("result", accepted ? "ACCEPTED" : "REJECTED");
        params.put("failureReason", result.failureReason() == null ? "" : result.failureReason().name());
        params.put("singleImage", false);
        if (probePhotoId != null) {
            params.put("probePhotoId", probePhotoId);
        }
        params.put("trustedPhotoId", trustedPhotoId.get());
        audit.record(tenantId, userId, AuditEvent.VERIFICATION_RESULT, params);
        return new CheckProxyApi.VerifyResponse(accepted ? "ACCEPTED" : "REJECTED",
                settings.includeSelfie() && probePhotoId != null ? photo(tenantId, probePhotoId).orElse(null) : null);
    }

    private CheckProxyApi.VerifyResponse verifyImage(String tenantId, String userId, String base64) {
        if (!settings.singleImageEnabled()) {
            throw new CheckProxyError(Code.VERIFICATION_ERROR, "Could not verify liveness of the user: single-image checks are "
                    + "switched off here; initiate a capture session (TOKEN) and verify its reference.");
        }
        byte[] image;
        try {
            image = Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new CheckProxyError(Code.ERROR_REQUEST, "Invalid method arguments: livenessRecord.image is not base64.");
        }
        TrustedImage trusted = userDetails.trustedImage(tenantId, userId);
        SingleImageChecks.Result checked;
        try {
            checked = singleImages.check(tenantId, userId, image, trusted.image());
        } catch (SessionException.UnusablePhoto e) {
            throw new CheckProxyError(Code.ERROR_REQUEST, "Invalid method arguments: livenessRecord.image is no image this server decodes.");
        }
        SingleImageVerdict verdict = checked.verdict();
        if (verdict.outcome() == SingleImageVerdict.Outcome.INCONCLUSIVE) {
            audit.record(tenantId, userId, AuditEvent.VERIFICATION_RESULT, Map.of("checkId", checked.checkId(), "result", "VERIFICATION_ERROR",
                    "singleImage", true, "probePhotoId", checked.probePhotoId(), "trustedPhotoId", checked.trustedPhotoId()));
            throw new CheckProxyError(Code.VERIFICATION_ERROR, "Could not verify liveness of the user: " + verdict.failureDetail() + ".");
        }
        String result = verdict.accepted() ? "ACCEPTED" : "REJECTED";
        audit.record(tenantId, userId, AuditEvent.VERIFICATION_RESULT, Map.of("checkId", checked.checkId(), "result", result,
                "singleImage", true, "assurance", verdict.assurance(),
                "failureReason", verdict.failureReason() == null ? "" : verdict.failureReason().name(),
                "probePhotoId", checked.probePhotoId(), "trustedPhotoId", checked.trustedPhotoId()));
        return new CheckProxyApi.VerifyResponse(result, settings.includeSelfie() ? Base64.getEncoder().encodeToString(image) : null);
    }

    CheckProxyApi.AuditList auditLogs(String tenantId, String userId, Long start, Long end, Integer pageSize, Integer pageNumber) {
        if (userId == null || userId.isBlank() || userId.length() > PhotoStore.MAX_USER_ID_LENGTH) {
            throw new CheckProxyError(Code.ERROR_REQUEST);
        }
        Instant to = end == null ? clock.instant() : instant(end);
        Instant from = start == null ? to.minus(DEFAULT_AUDIT_SPAN) : instant(start);
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        int number = pageNumber == null ? 0 : pageNumber;
        if (from.isAfter(to) || size < 1 || size > MAX_PAGE_SIZE || number < 0 || (long) size * number > Integer.MAX_VALUE) {
            throw new CheckProxyError(Code.ERROR_REQUEST);
        }
        List<CheckProxyApi.AuditRecord> records = trail.page(tenantId, userId, from, to, size, number).stream()
                .map(r -> new CheckProxyApi.AuditRecord(r.id(), r.createdAt().toEpochMilli(), AuditMessages.of(r)))
                .toList();
        return new CheckProxyApi.AuditList(records);
    }

    CheckProxyApi.AuditDetail auditLog(String tenantId, String auditLogId) {
        AuditTrail.AuditRecord r = (auditLogId == null || auditLogId.length() > 36 ? Optional.<AuditTrail.AuditRecord>empty()
                : trail.find(tenantId, auditLogId))
                .orElseThrow(() -> new CheckProxyError(Code.ERROR_REQUEST, "Audit log was not found."));
        Map<String, Object> params = new LinkedHashMap<>();
        if (r.userId() != null) {
            params.put("userId", r.userId());
        }
        List<String> gone = new ArrayList<>();
        imageReference(r, true).ifPresent(id -> photo(tenantId, id).ifPresentOrElse(b -> params.put("probeImage", b), () -> gone.add("probeImage")));
        imageReference(r, false).ifPresent(id -> photo(tenantId, id).ifPresentOrElse(b -> params.put("trustedImage", b), () -> gone.add("trustedImage")));
        r.params().forEach(params::putIfAbsent);
        if (!gone.isEmpty()) {
            params.put("imageNote", String.join(" and ", gone) + " no longer stored (erased, or older than the photo retention)");
        }
        audit.record(tenantId, r.userId(), AuditEvent.AUDIT_RECORD_READ, Map.of("auditLogId", r.id()));
        return new CheckProxyApi.AuditDetail(r.id(), r.createdAt().toEpochMilli(), AuditMessages.of(r), params);
    }

    /** The photo a record refers to as its probe image ({@code probe}) or as its trusted (reference) image. */
    private static Optional<String> imageReference(AuditTrail.AuditRecord r, boolean probe) {
        Object id = r.params().get(probe ? "probePhotoId" : "trustedPhotoId");
        if (id == null && r.params().get("photoId") != null) {
            boolean isProbe = "PROBE_IMAGE_RECORDED".equals(r.event());
            boolean isReference = "REFERENCE_IMAGE_RECORDED".equals(r.event());
            if (probe ? isProbe : isReference) {
                id = r.params().get("photoId");
            }
        }
        return id instanceof String s && s.length() == 36 ? Optional.of(s) : Optional.empty();
    }

    private Optional<String> photo(String tenantId, String photoId) {
        return photos.load(tenantId, photoId).map(b -> Base64.getEncoder().encodeToString(b));
    }

    /** Latest instant accepted as {@code start}/{@code end}: the end of year 9999 (the databases' range). */
    private static final long MAX_EPOCH_MS = 253_402_300_799_999L;

    private static Instant instant(long epochMs) {
        if (epochMs < 0 || epochMs > MAX_EPOCH_MS) {
            throw new CheckProxyError(Code.ERROR_REQUEST);
        }
        return Instant.ofEpochMilli(epochMs);
    }

    private static String userId(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new CheckProxyError(Code.ERROR_REQUEST, "Invalid method arguments: userId is required.");
        }
        if (userId.length() > PhotoStore.MAX_USER_ID_LENGTH) {
            throw new CheckProxyError(Code.ERROR_REQUEST, "Invalid method arguments: userId has at most "
                    + PhotoStore.MAX_USER_ID_LENGTH + " characters.");
        }
        return userId;
    }
}
