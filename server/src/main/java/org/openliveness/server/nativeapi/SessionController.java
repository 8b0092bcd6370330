package org.openliveness.server.nativeapi;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.session.SessionProperties;
import org.openliveness.server.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The native liveness API (seed 003): {@code /v1/verifications/liveness/...}. Maps requests onto
 * the session core and its results onto {@link NativeApi} records; decides nothing.
 */
@RestController
class SessionController {

    static final String BASE = "/v1/verifications/liveness";
    private static final String PROBLEM = ProblemResponses.PROBLEM;

    private final LivenessSessions sessions;
    private final SessionProperties settings;

    SessionController(LivenessSessions sessions, SessionProperties settings) {
        this.sessions = sessions;
        this.settings = settings;
    }

    @Operation(summary = "Create a liveness session with random challenges", operationId = "createSession",
            description = "Needs the `liveness` scope. Draws 2–3 challenges without repeats, at least one head turn. "
                    + "The session token is returned once; it alone authorises the capture calls of this session.")
    @ApiResponse(responseCode = "201", description = "Created")
    @ProblemResponses.ApiKey
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST: a field is missing or out of range",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = BASE + "/session", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NativeApi.CreatedSession> create(Caller caller,
                                                   @org.springframework.web.bind.annotation.RequestBody NativeApi.CreateRequest request) {
        caller.require(Scope.LIVENESS);
        LivenessSessions.Created created = sessions.create(caller.tenantId(), request.userId(), request.challengeCount(),
                request.challengeTypes(), request.externalReference());
        long minutes = settings.ttl().toMinutes();
        String instructions = "Submit a photo for each challenge using POST /v1/verifications/liveness/challenge. "
                + "Complete all challenges within " + (minutes > 0 ? minutes + " minutes." : settings.ttl().toSeconds() + " seconds.");
        return ResponseEntity.status(HttpStatus.CREATED).body(NativeApi.CreatedSession.of(created, instructions));
    }

    @Operation(summary = "Submit the photo for one challenge",
            description = "Authorised by the session token alone (an API key sent along must belong to the session's tenant). "
                    + "The photo is judged at once; when every challenge has a photo the verdict is computed and returned. "
                    + "JPEG, PNG, WebP or HEIC, at most 10 MB. A photo that cannot be decoded is refused (4xx) without counting "
                    + "as an attempt; a photo that does not perform the challenge counts, and may be retried up to the "
                    + "configured number of times. The reply carries `Server-Timing` (queue, analysis, app).",
            operationId = "submitChallenge",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = NativeApi.ChallengeForm.class))))
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "The photo was judged (met or not: see `challenge.met`)")
    @ProblemResponses.Upload
    @ApiResponse(responseCode = "404", description = "CHALLENGE_NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "SESSION_COMPLETED or CHALLENGE_ALREADY_ANSWERED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    // No "consumes": a body that is not multipart is a 400 problem from ProblemHandler.
    @PostMapping(path = BASE + "/challenge")
    NativeApi.CaptureReply challenge(@Parameter(hidden = true) @RequestParam("sessionToken") String sessionToken,
                                     @Parameter(hidden = true) @RequestParam("challengeId") String challengeId,
                                     @Parameter(hidden = true) @RequestPart("photo") MultipartFile photo, HttpServletRequest request,
                                     HttpServletResponse response) {
        long start = System.nanoTime();
        LivenessSessions.Capture capture = sessions.submitChallenge(sessionToken, challengeId, bytes(photo), callerTenant(request));
        serverTiming(response, capture, start);
        return NativeApi.CaptureReply.of(capture);
    }

    @Operation(summary = "Upload a reference selfie to match the session's photos against",
            description = "Authorised by the session token alone (an API key sent along must belong to the session's tenant). "
                    + "A clear, front-facing selfie; replaces an earlier one. It also serves as the neutral frame challenges "
                    + "are measured from.",
            operationId = "submitReferenceSelfie",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = NativeApi.ReferenceForm.class))))
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Stored")
    @ProblemResponses.Upload
    @ApiResponse(responseCode = "409", description = "SESSION_COMPLETED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "NO_FACE, MULTIPLE_FACES, FACE_TOO_SMALL or POOR_QUALITY",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = BASE + "/reference-selfie")
    NativeApi.CaptureReply referenceSelfie(@Parameter(hidden = true) @RequestParam("sessionToken") String sessionToken,
                                           @Parameter(hidden = true) @RequestPart("selfie") MultipartFile selfie, HttpServletRequest request,
                                           HttpServletResponse response) {
        long start = System.nanoTime();
        LivenessSessions.Capture capture = sessions.submitReference(sessionToken, bytes(selfie), callerTenant(request));
        serverTiming(response, capture, start);
        return NativeApi.CaptureReply.of(capture);
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

    @Operation(summary = "Retrieve a liveness check by its id or its session token", operationId = "getSession",
            description = "Needs the `liveness` scope. `{id}` is the session's id or its `sessionToken` (a client that "
                    + "kept only the token can read its session); other tenants' sessions are 404.")
    @ApiResponse(responseCode = "200", description = "The session")
    @ProblemResponses.ApiKey
    @ApiResponse(responseCode = "404", description = "SESSION_NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(path = BASE + "/{id}")
    NativeApi.SessionDetail get(Caller caller,
                                @Parameter(description = "the session id or its sessionToken") @PathVariable("id") String id) {
        caller.require(Scope.LIVENESS);
        return NativeApi.SessionDetail.of(sessions.get(caller.tenantId(), id));
    }

    @Operation(summary = "List a user's liveness checks, newest first", operationId = "listUserSessions", description = "Needs the `liveness` scope. `page` from 1, `limit` 1–100.")
    @ApiResponse(responseCode = "200", description = "A page of the user's sessions")
    @ProblemResponses.ApiKey
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST: page or limit out of range",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(path = BASE + "/user/{userId}")
    NativeApi.SessionPage list(Caller caller, @PathVariable("userId") String userId,
                               @RequestParam(name = "page", defaultValue = "1") int page,
                               @RequestParam(name = "limit", defaultValue = "20") int limit) {
        caller.require(Scope.LIVENESS);
        LivenessSessions.Page p = sessions.list(caller.tenantId(), userId, page, limit);
        return new NativeApi.SessionPage(userId, page, limit, p.total(), p.items().stream().map(NativeApi.SessionDetail::of).toList());
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
