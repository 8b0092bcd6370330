package org.openliveness.server.session;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** The native liveness API (seed 003): {@code /v1/verifications/liveness/...}. */
@RestController
class SessionController {

    static final String BASE = "/v1/verifications/liveness";

    private final LivenessSessions sessions;
    private final SessionProperties settings;

    SessionController(LivenessSessions sessions, SessionProperties settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    /** The body of a create-session request. */
    record CreateRequest(
            @Schema(description = "your id of the person; required, 1–200 characters") String userId,
            @Schema(description = "2 or 3 (default: the operator's setting)") Integer challengeCount,
            @Schema(description = "challenge types to draw from (default: all the operator enabled); must include a turn")
            List<ChallengeType> challengeTypes,
            @Schema(description = "your reference for this check, echoed back") String externalReference) {
    }

    @Operation(summary = "Create a liveness session with random challenges",
            description = "Needs the `liveness` scope. Draws 2–3 challenges without repeats, at least one head turn. "
                    + "The session token is returned once; it alone authorises the capture calls of this session.")
    @ApiResponse(responseCode = "201", description = "Created")
    @PostMapping(path = BASE + "/session", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(Caller caller,
                                               @org.springframework.web.bind.annotation.RequestBody CreateRequest request) {
        caller.require(Scope.LIVENESS);
        LivenessSessions.Created created = sessions.create(caller.tenantId(), request.userId(), request.challengeCount(),
                request.challengeTypes(), request.externalReference());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", created.session().id());
        body.put("sessionToken", created.token());
        body.put("expiresAt", created.session().expiresAt().toString());
        body.put("challenges", created.session().state().challenges.stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", c.id);
            m.put("type", c.type);
            m.put("instruction", c.type.instruction());
            return m;
        }).toList());
        long minutes = settings.ttl().toMinutes();
        body.put("instructions", "Submit a photo for each challenge using POST /v1/verifications/liveness/challenge. "
                + "Complete all challenges within " + (minutes > 0 ? minutes + " minutes." : settings.ttl().toSeconds() + " seconds."));
        return ResponseEntity.status(HttpStatus.CREATED).body(body);
    }

    @Operation(summary = "Submit the photo for one challenge",
            description = "Authorised by the session token. The photo is judged at once; when every challenge has a photo "
                    + "the verdict is computed and returned. JPEG, PNG, WebP or HEIC, at most 10 MB. A photo that cannot be "
                    + "decoded is refused (4xx) without counting as an attempt; a photo that does not perform the challenge "
                    + "counts, and may be retried up to the configured number of times.",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE)))
    // No "consumes": a wrong API key on this path is still answered 401 by the key check (which runs
    // after routing), and a body that is not multipart is a 400 problem from ProblemHandler.
    @PostMapping(path = BASE + "/challenge")
    Map<String, Object> challenge(@RequestParam("sessionToken") String sessionToken,
                                  @RequestParam("challengeId") String challengeId,
                                  @RequestPart("photo") MultipartFile photo, HttpServletRequest request,
                                  HttpServletResponse response) {
        long start = System.nanoTime();
        LivenessSessions.Capture capture = sessions.submitChallenge(sessionToken, challengeId, bytes(photo), callerTenant(request));
        serverTiming(response, capture, start);
        return SessionJson.capture(capture);
    }

    @Operation(summary = "Upload a reference selfie to match the session's photos against",
            description = "Authorised by the session token. A clear, front-facing selfie; replaces an earlier one. "
                    + "It also serves as the neutral frame challenges are measured from.",
            requestBody = @RequestBody(content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE)))
    @PostMapping(path = BASE + "/reference-selfie")
    Map<String, Object> referenceSelfie(@RequestParam("sessionToken") String sessionToken,
                                        @RequestPart("selfie") MultipartFile selfie, HttpServletRequest request,
                                        HttpServletResponse response) {
        long start = System.nanoTime();
        LivenessSessions.Capture capture = sessions.submitReference(sessionToken, bytes(selfie), callerTenant(request));
        serverTiming(response, capture, start);
        return SessionJson.capture(capture);
    }

    /** The tenant of an API key sent with a capture call (the token alone suffices; a key must match). */
    private static String callerTenant(HttpServletRequest request) {
        return Caller.of(request).map(Caller::tenantId).orElse(null);
    }

    /**
     * {@code Server-Timing}: the wait for an analysis slot, the analysis, and the whole handling
     * of the photo (after the upload was read, before the reply is written), in milliseconds.
     */
    private static void serverTiming(HttpServletResponse response, LivenessSessions.Capture capture, long start) {
        response.setHeader("Server-Timing", String.format(Locale.ROOT, "queue;dur=%.1f, analysis;dur=%.1f, app;dur=%.1f",
                capture.queueMs(), capture.analysisMs(), (System.nanoTime() - start) / 1e6));
    }

    @Operation(summary = "Retrieve a liveness check by id", description = "Needs the `liveness` scope; other tenants' sessions are 404.")
    @GetMapping(BASE + "/{id}")
    Map<String, Object> get(Caller caller, @PathVariable("id") String id) {
        caller.require(Scope.LIVENESS);
        return SessionJson.detail(sessions.get(caller.tenantId(), id));
    }

    @Operation(summary = "List a user's liveness checks, newest first", description = "Needs the `liveness` scope. `page` from 1, `limit` 1–100.")
    @GetMapping(BASE + "/user/{userId}")
    Map<String, Object> list(Caller caller, @PathVariable("userId") String userId,
                             @RequestParam(name = "page", defaultValue = "1") int page,
                             @RequestParam(name = "limit", defaultValue = "20") int limit) {
        caller.require(Scope.LIVENESS);
        LivenessSessions.Page p = sessions.list(caller.tenantId(), userId, page, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", userId);
        body.put("page", page);
        body.put("limit", limit);
        body.put("total", p.total());
        body.put("items", p.items().stream().map(SessionJson::detail).toList());
        return body;
    }

    private static byte[] bytes(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "EMPTY_PHOTO", "the photo is empty");
        }
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        }
    }

}
