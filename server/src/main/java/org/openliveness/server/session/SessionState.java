package org.openliveness.server.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.Fingerprint;

/**
 * The mutable part of a session, stored as JSON in {@code liveness_session.state}. Face
 * templates and landmarks are kept only sealed (encrypted) and only until the verdict.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
final class SessionState {

    enum ChallengeStatus { PENDING, MET, FAILED }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Challenge {
        public String id;
        public ChallengeType type;
        public ChallengeStatus status = ChallengeStatus.PENDING;
        public int attempts;
        public Outcome outcome;
        public String photoId;
        /** Base64 of the sealed evidence (landmarks, embedding); removed at the verdict. */
        public String evidence;
        public Fingerprint fingerprint;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Reference {
        public String photoId;
        public String evidence;
        public Fingerprint fingerprint;
    }

    /** How the latest attempt at a challenge was judged. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Outcome {
        public boolean met;
        public String failureReason;
        public String measure;
        public Double value;
        public Double threshold;
        public Double baseline;
        public String detail;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Check {
        public String check;
        public String status;
        public Double score;
        public String detail;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    static final class Result {
        public boolean isAlive;
        public double confidence;
        public double antiSpoofScore;
        public Double faceMatchScore;
        public String failureReason;
        public String failureDetail;
        public List<Check> checks = new ArrayList<>();
    }

    public List<Challenge> challenges = new ArrayList<>();
    public Reference reference;
    public Result result;

    Challenge challenge(String id) {
        return challenges.stream().filter(c -> c.id.equals(id)).findFirst().orElse(null);
    }

    long completed() {
        return challenges.stream().filter(c -> c.status == ChallengeStatus.MET).count();
    }
}
