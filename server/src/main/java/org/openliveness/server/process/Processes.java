package org.openliveness.server.process;

import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openliveness.engine.verdict.CheckResult;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.enrolment.TrustedImage;
import org.openliveness.server.enrolment.UserDetailsException;
import org.openliveness.server.enrolment.UserDetailsProvider;
import org.openliveness.server.oauth.AccessToken;
import org.openliveness.server.session.FaceComparison;
import org.openliveness.server.session.LivenessSession;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.session.SessionException;
import org.openliveness.server.session.SessionResult;
import org.openliveness.server.session.SessionStatus;
import org.springframework.http.HttpStatus;

/**
 * Runs one process: reads the liveness session's verdict and applies the face-match rule through
 * the session core; maps what they found to the seed's statuses. Decides nothing itself.
 */
final class Processes {

    /** Status of a process that ran to its end (the only one to base a decision on). */
    static final int DONE = 3;
    static final int LIVE = 1;
    static final int NOT_LIVE = 2;
    /** Base64 of a 10 MB image. */
    private static final int MAX_IMAGE_BASE64 = 14_000_000;
    private static final Set<Scope> CAPABILITIES = EnumSet.of(Scope.LIVENESS, Scope.IDENTITY);

    private final LivenessSessions sessions;
    /** Null when no user-details provider is configured: identity then ends in status 5. */
    private final UserDetailsProvider users;

    Processes(LivenessSessions sessions, UserDetailsProvider users) {
        this.sessions = sessions;
        this.users = users;
    }

    ProcessApi.Process run(AccessToken token, ProcessApi.CreateProcess request) {
        if (request == null || request.subject() == null || request.subject().code() == null
                || request.subject().code().isBlank() || request.subject().code().length() > 200) {
            throw invalid("subject.code is required (1 to 200 characters)");
        }
        String subject = request.subject().code();
        Set<Scope> asked = capabilities(token, request.capabilities());
        boolean liveness = asked.contains(Scope.LIVENESS);
        boolean identity = asked.contains(Scope.IDENTITY);
        boolean hasSession = request.encrypted() != null && !request.encrypted().isBlank();
        if (liveness && !hasSession) {
            throw invalid("liveness needs 'encrypted': the liveness session the capture component completed (its token or id)");
        }
        byte[] image = request.imageBase64() == null || request.imageBase64().isBlank() ? null : decode(request.imageBase64());
        if (identity && image == null && !hasSession) {
            throw invalid("identity needs 'imageBase64' (the selfie) or 'encrypted' (a liveness session whose photo is matched)");
        }
        LivenessSession session = hasSession ? session(token, request.encrypted()) : null;
        String id = UUID.randomUUID().toString();
        if (session != null && !session.userId().equals(subject)) {
            return ProcessApi.Process.failed(id, "SUBJECT_MISMATCH", "The liveness session was made for another subject.");
        }

        int live = LIVE; // identity alone: always 1, and no liveness check at all (seed 004)
        if (liveness) {
            if (session.status() == SessionStatus.IN_PROGRESS) {
                return ProcessApi.Process.failed(id, "LIVENESS_NOT_FINISHED",
                        "The liveness session is still in progress; complete it with the capture component first.");
            }
            live = session.result().map(SessionResult::alive).orElse(false) ? LIVE : NOT_LIVE;
        }
        ProcessApi.UnicoId unicoId = null;
        if (identity) {
            // With liveness, the live face of the session is matched, so no substituted photo can pass.
            Optional<byte[]> selfie = liveness || image == null ? sessions.answerPhoto(session) : Optional.of(image);
            if (selfie.isEmpty()) {
                return ProcessApi.Process.failed(id, "NO_SELFIE", "The liveness session kept no photo to match; send imageBase64.");
            }
            if (users == null) {
                return ProcessApi.Process.failed(id, "IDENTITY_UNAVAILABLE", "No user-details provider is configured here.");
            }
            TrustedImage trusted;
            try {
                trusted = users.trustedImage(token.tenantId(), subject);
            } catch (UserDetailsException.NotEnrolled e) {
                return ProcessApi.Process.failed(id, "USER_NOT_ENROLLED", "The subject is not enrolled: no trusted image to match.");
            } catch (UserDetailsException.DetailsMissing e) {
                return ProcessApi.Process.failed(id, "USER_DETAILS_MISSING", "The subject is enrolled without a usable trusted image.");
            } catch (UserDetailsException.Remote e) {
                return ProcessApi.Process.failed(id, "ERROR_REMOTE", "The user-details provider could not be asked; retry later.");
            }
            FaceComparison compared;
            try {
                compared = sessions.compareFaces(selfie.get(), trusted.image());
            } catch (SessionException.UnusablePhoto undecodable) {
                return ProcessApi.Process.failed(id, "SELFIE_UNUSABLE", "The selfie is not a readable JPEG or PNG image.");
            }
            if (!compared.selfie().isUsable()) {
                return ProcessApi.Process.failed(id, "SELFIE_UNUSABLE", "The selfie shows no single usable face: "
                        + compared.selfie().problem().detail());
            }
            if (!compared.trustedUsable()) {
                return ProcessApi.Process.failed(id, "USER_DETAILS_MISSING", "The subject's trusted image shows no single usable face.");
            }
            unicoId = new ProcessApi.UnicoId(compared.match().status() == CheckResult.Status.PASS ? "yes" : "no");
        }
        return ProcessApi.Process.done(id, live, unicoId);
    }

    /** The capabilities asked for (or the token's), each of which the token must grant. */
    private static Set<Scope> capabilities(AccessToken token, List<String> requested) {
        Set<Scope> asked = EnumSet.noneOf(Scope.class);
        if (requested == null || requested.isEmpty()) {
            token.scopes().stream().filter(CAPABILITIES::contains).forEach(asked::add);
            if (asked.isEmpty()) {
                throw new ProcessException(HttpStatus.FORBIDDEN, ProcessException.CAPABILITY_NOT_GRANTED,
                        "The access token grants neither 'liveness' nor 'identity'.");
            }
            return asked;
        }
        for (String c : requested) {
            Scope scope = c == null ? null : switch (c.strip().toLowerCase(Locale.ROOT)) {
                case "liveness" -> Scope.LIVENESS;
                case "identity", "identity_verification", "identity-verification" -> Scope.IDENTITY;
                default -> null;
            };
            if (scope == null) {
                throw invalid("capabilities are 'liveness' and 'identity'; got '" + c + "'");
            }
            asked.add(scope);
        }
        for (Scope s : asked) {
            if (!token.has(s)) {
                throw new ProcessException(HttpStatus.FORBIDDEN, ProcessException.CAPABILITY_NOT_GRANTED,
                        "The access token does not grant the capability '" + s.value() + "'.");
            }
        }
        return asked;
    }

    private LivenessSession session(AccessToken token, String reference) {
        try {
            return sessions.get(token.tenantId(), reference.strip());
        } catch (SessionException.NotFound e) {
            throw new ProcessException(HttpStatus.NOT_FOUND, ProcessException.SESSION_NOT_FOUND,
                    "No liveness session of this tenant has this token or id.");
        }
    }

    private static byte[] decode(String base64) {
        if (base64.length() > MAX_IMAGE_BASE64) {
            throw invalid("imageBase64 may encode at most 10 MB");
        }
        String data = base64.strip();
        int comma = data.startsWith("data:") ? data.indexOf(',') : -1;
        byte[] image;
        try {
            image = Base64.getDecoder().decode((comma >= 0 ? data.substring(comma + 1) : data).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw invalid("imageBase64 is not valid base64");
        }
        if (image.length == 0) {
            throw invalid("imageBase64 is empty");
        }
        return image;
    }

    private static ProcessException invalid(String message) {
        return new ProcessException(HttpStatus.BAD_REQUEST, ProcessException.INVALID_REQUEST, message);
    }
}
