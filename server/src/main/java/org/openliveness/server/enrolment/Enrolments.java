package org.openliveness.server.enrolment;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.Examination;
import org.openliveness.engine.verdict.PhotoProblem;
import org.openliveness.server.audit.AuditEvent;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.session.AnalysisSlots;
import org.openliveness.server.session.SessionException;
import org.openliveness.server.storage.PhotoStore;

/**
 * Enrolling a user's trusted image: only a JPEG or PNG (by its magic bytes) showing one usable face,
 * judged by the same examiner and usable-face rule as every session photo (no rule of its own), in the
 * analysis slots every examination shares.
 * Enrolments and deletions are audited (with no image in the record).
 */
public final class Enrolments {

    private final EnrolmentStore store;
    private final AnalysisSlots slots;
    private final AuditLog audit;

    public Enrolments(EnrolmentStore store, AnalysisSlots slots, AuditLog audit) {
        this.store = Objects.requireNonNull(store, "store");
        this.slots = Objects.requireNonNull(slots, "slots");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    /** Why an image cannot be enrolled: exactly one of the two is set. */
    public static final class Refused extends RuntimeException {
        private final transient ImageException.Code imageProblem;
        private final transient PhotoProblem faceProblem;

        Refused(ImageException.Code imageProblem, String message) {
            super(message, null, false, false);
            this.imageProblem = imageProblem;
            this.faceProblem = null;
        }

        Refused(PhotoProblem faceProblem) {
            super(faceProblem.detail(), null, false, false);
            this.imageProblem = null;
            this.faceProblem = faceProblem;
        }

        /** Why the bytes are no JPEG or PNG this server decodes, or null. */
        public ImageException.Code imageProblem() {
            return imageProblem;
        }

        /** Why the decoded image has no usable face, or null. */
        public PhotoProblem faceProblem() {
            return faceProblem;
        }
    }

    /**
     * Enrols {@code image} as the user's trusted image, replacing any earlier one.
     *
     * @throws IllegalArgumentException for a user id that is empty or longer than 200 characters
     * @throws Refused when the image is not a decodable JPEG or PNG with one usable face
     * @throws SessionException.Overloaded when no analysis slot freed up in time
     */
    public EnrolmentStore.Put enrol(String tenantId, String userId, byte[] image) {
        if (userId == null || userId.isBlank() || userId.length() > PhotoStore.MAX_USER_ID_LENGTH) {
            throw new IllegalArgumentException("a user id has 1 to " + PhotoStore.MAX_USER_ID_LENGTH + " characters");
        }
        String format = format(image);
        Examination examination;
        try {
            examination = slots.examine(image).examination();
        } catch (SessionException.UnusablePhoto e) {
            throw new Refused(e.imageProblem(), e.getMessage());
        }
        if (!examination.isUsable()) {
            throw new Refused(examination.problem());
        }
        EnrolmentStore.Put put = store.put(tenantId, userId, format, image);
        audit.record(tenantId, userId, AuditEvent.TRUSTED_IMAGE_ENROLLED,
                Map.of("format", format, "sizeBytes", image.length, "replaced", !put.created()));
        return put;
    }

    /** The user's enrolment without the image. */
    public Optional<Enrolment> find(String tenantId, String userId) {
        return store.find(tenantId, userId);
    }

    /** Deletes the user's enrolment; true when there was one. */
    public boolean delete(String tenantId, String userId) {
        boolean deleted = store.delete(tenantId, userId);
        if (deleted) {
            audit.record(tenantId, userId, AuditEvent.TRUSTED_IMAGE_DELETED, Map.of());
        }
        return deleted;
    }

    /** {@code JPEG} or {@code PNG} by magic bytes. */
    static String format(byte[] image) {
        if (image == null || image.length == 0) {
            throw new Refused(ImageException.Code.EMPTY, "the image is empty");
        }
        if (image.length >= 3 && (image[0] & 0xff) == 0xff && (image[1] & 0xff) == 0xd8 && (image[2] & 0xff) == 0xff) {
            return "JPEG";
        }
        if (image.length >= 8 && (image[0] & 0xff) == 0x89 && image[1] == 'P' && image[2] == 'N' && image[3] == 'G'
                && image[4] == 0x0d && image[5] == 0x0a && image[6] == 0x1a && image[7] == 0x0a) {
            return "PNG";
        }
        throw new Refused(ImageException.Code.UNSUPPORTED_FORMAT, "a trusted image is a JPEG or a PNG");
    }
}
