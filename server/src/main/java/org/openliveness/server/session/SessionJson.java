package org.openliveness.server.session;

import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON bodies of the native API, as ordered maps (nulls kept where the seed shows them). */
final class SessionJson {

    private SessionJson() {}

    /** The reply to a capture call: the seed's in-progress or completed shape, plus what the photo showed. */
    static Map<String, Object> capture(LivenessSessions.Capture capture) {
        LivenessSession s = capture.session();
        SessionState state = s.state();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.id());
        body.put("sessionToken", capture.token());
        body.put("status", s.status());
        body.put("challengesCompleted", state.completed());
        body.put("challengesTotal", state.challenges.size());
        boolean complete = !s.status().equals(LivenessSession.IN_PROGRESS);
        body.put("isComplete", complete);
        if (capture.challenge() != null) {
            body.put("challenge", challenge(capture.challenge()));
        }
        if (complete) {
            body.put("result", result(state.result));
        } else {
            long remaining = state.challenges.size() - state.completed();
            body.put("nextStep", "Submit photo for remaining " + remaining + " challenge(s)");
        }
        return body;
    }

    static Map<String, Object> detail(LivenessSession s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", s.id());
        body.put("userId", s.userId());
        body.put("externalReference", s.externalReference());
        body.put("status", s.status());
        body.put("createdAt", s.createdAt().toString());
        body.put("expiresAt", s.expiresAt().toString());
        body.put("completedAt", s.completedAt() == null ? null : s.completedAt().toString());
        body.put("challengesCompleted", s.state().completed());
        body.put("challengesTotal", s.state().challenges.size());
        body.put("challenges", s.state().challenges.stream().map(SessionJson::challenge).toList());
        body.put("referenceSelfie", s.state().reference != null);
        body.put("result", s.state().result == null ? null : result(s.state().result));
        return body;
    }

    private static Map<String, Object> challenge(SessionState.Challenge c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id);
        m.put("type", c.type);
        m.put("instruction", c.type.instruction());
        m.put("status", c.status);
        m.put("attempts", c.attempts);
        SessionState.Outcome o = c.outcome;
        if (o != null) {
            m.put("met", o.met);
            m.put("failureReason", o.failureReason);
            m.put("measure", o.measure);
            m.put("value", o.value);
            m.put("threshold", o.threshold);
            m.put("baseline", o.baseline);
            m.put("detail", o.detail);
        }
        return m;
    }

    private static Map<String, Object> result(SessionState.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("isAlive", r.isAlive);
        m.put("confidence", r.confidence);
        m.put("antiSpoofScore", r.antiSpoofScore);
        m.put("faceMatchScore", r.faceMatchScore);
        m.put("failureReason", r.failureReason);
        m.put("failureDetail", r.failureDetail);
        m.put("checks", r.checks.stream().map(c -> {
            Map<String, Object> cm = new LinkedHashMap<>();
            cm.put("check", c.check);
            cm.put("status", c.status);
            cm.put("score", c.score);
            cm.put("detail", c.detail);
            return cm;
        }).toList());
        return m;
    }
}
