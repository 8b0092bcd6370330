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
import java.util.List;
import java.util.Locale;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.session.SessionProperties;
import org.openliveness.server.web.ApiException;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
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
    @ApiResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: the key was used within 24 hours for a different request",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = BASE + "/session", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<NativeApi.CreatedSession> create(Caller caller,
                                                   @org.springframework.web.bind.annotation.RequestBody NativeApi.CreateRequest request,
                                                   @Parameter(description = "optional: a retry with the same key and the same body "
                                                           + "within 24 hours returns the same session (and token) instead of a new one")
                                                   @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
        caller.require(Scope.LIVENESS);
        LivenessSessions.Created created = sessions.create(caller.tenantId(), request.userId(), request.challengeCount(),
                request.challengeTypes(), request.externalReference(), idempotencyKey);
        long minutes = settings.ttl().toMinutes();
        String instructions = "Submit a photo for each challenge using POST /v1/verifications/liveness/challenge. "
                + "Complete all challenges within " + (minutes > 0 ? minutes + " minutes." : settings.ttl().toSeconds() + " seconds.");
        return ResponseEntity.status(HttpStatus.CREATED).body(NativeApi.CreatedSession.of(created, instructions));
    }

    @Operation(summary = "Submit the photo for one challenge",
            description = "Authorised by the session token alone (an API key sent along must belong to the session's tenant). "
                    + "One still `photo` (JPEG, PNG, WebP or HEIC, at most 10 MB), or a burst: 3–15 `frames` (JPEG or PNG, "
                    + "each at most 2 MB) recorded during the movement after `challenge/start`, with `frameTimes`. The answer "
                    + "is judged at once; when every challenge has one the verdict is computed and returned. A photo or frame "
                    + "that cannot be decoded is refused (4xx) and counts as a failed attempt, as does an answer that does not "
                    + "perform the challenge; a challenge may be retried up to the configured number of times. The reply carries "
                    + "`Server-Timing` (queue, analysis, app).",
            operationId = "submitChallenge",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = NativeApi.ChallengeForm.class))))
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "The photo was judged (met or not: see `challenge.met`)")
    @ProblemResponses.Upload
    @ApiResponse(responseCode = "404", description = "CHALLENGE_NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "SESSION_COMPLETED, CHALLENGE_ALREADY_ANSWERED, CHALLENGE_NOT_STARTED "
            + "or CHALLENGE_START_EXPIRED (a burst)", content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    // No "consumes": a body that is not multipart is a 400 problem from ProblemHandler.
    @PostMapping(path = BASE + "/challenge")
    NativeApi.CaptureReply challenge(@Parameter(hidden = true) @RequestParam("sessionToken") String sessionToken,
                                     @Parameter(hidden = true) @RequestParam("challengeId") String challengeId,
                                     @Parameter(hidden = true) @RequestPart(name = "photo", required = false) MultipartFile photo,
                                     @Parameter(hidden = true) @RequestPart(name = "frames", required = false) List<MultipartFile> frames,
                                     @Parameter(hidden = true) @RequestParam(name = "frameTimes", required = false) String frameTimes,
                                     HttpServletRequest request, HttpServletResponse response) {
        long start = System.nanoTime();
        boolean burst = frames != null && !frames.isEmpty();
        if (burst == (photo != null)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.MISSING_PARAMETER,
                    "Send either one 'photo' part or a burst of 'frames' parts.");
        }
        LivenessSessions.Capture capture = burst
                ? sessions.submitBurst(sessionToken, challengeId, frames.stream().map(SessionController::frame).toList(),
                        frameTimes(frameTimes), callerTenant(request))
                : sessions.submitChallenge(sessionToken, challengeId, bytes(photo), callerTenant(request));
        serverTiming(response, capture, start);
        return NativeApi.CaptureReply.of(capture);
    }

    @Operation(summary = "Start a challenge: it is shown to the person now",
            operationId = "startChallenge",
            description = "Authorised by the session token alone. Marks when the challenge is shown (server clock); its burst "
                    + "of frames must arrive before `burstDeadline`. For LIGHT, returns the random colour sequence to show "
                    + "full-screen. Each burst uses up its start: call start again before a retry. JSON or form fields.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Started")
    @ApiResponse(responseCode = "400", description = "MISSING_PARAMETER or INVALID_REQUEST",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "INVALID_SESSION_TOKEN",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "404", description = "CHALLENGE_NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409", description = "SESSION_COMPLETED or CHALLENGE_ALREADY_ANSWERED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "410", description = "SESSION_EXPIRED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = BASE + "/challenge/start", consumes = MediaType.APPLICATION_JSON_VALUE)
    NativeApi.StartedChallenge start(@org.springframework.web.bind.annotation.RequestBody NativeApi.StartRequest body,
                                     HttpServletRequest request) {
        if (body.sessionToken() == null || body.challengeId() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.MISSING_PARAMETER, "sessionToken and challengeId are required.");
        }
        return NativeApi.StartedChallenge.of(sessions.startChallenge(body.sessionToken(), body.challengeId(), callerTenant(request)));
    }

    /** The same start as form fields (multipart or URL-encoded), for clients that send forms. */
    @Operation(hidden = true)
    @PostMapping(path = BASE + "/challenge/start", consumes = {MediaType.MULTIPART_FORM_DATA_VALUE,
            MediaType.APPLICATION_FORM_URLENCODED_VALUE})
    NativeApi.StartedChallenge startForm(@RequestParam("sessionToken") String sessionToken, @RequestParam("challengeId") String challengeId,
                                         HttpServletRequest request) {
        return NativeApi.StartedChallenge.of(sessions.startChallenge(sessionToken, challengeId, callerTenant(request)));
    }

    @Operation(summary = "Where the session stands, for the capture client",
            operationId = "sessionProgress",
            description = "Authorised by the session token alone (JSON body or form field). The challenges to do and their "
                    + "status, the session's status, and once complete whether a live person was judged present; never "
                    + "measured values or the verdict's details, which the backend reads with its API key.")
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "The session's progress")
    @ApiResponse(responseCode = "400", description = "MISSING_PARAMETER",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "INVALID_SESSION_TOKEN",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = BASE + "/progress", consumes = MediaType.APPLICATION_JSON_VALUE)
    NativeApi.SessionProgress progress(@org.springframework.web.bind.annotation.RequestBody NativeApi.ProgressRequest body,
                                       HttpServletRequest request) {
        if (body.sessionToken() == null) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.MISSING_PARAMETER, "sessionToken is required.");
        }
        return NativeApi.SessionProgress.of(sessions.status(body.sessionToken(), callerTenant(request)));
    }

    @Operation(summary = "Preview a small frame: where the face is and what to change",
            operationId = "previewFrame",
            description = "Authorised by the session token alone. For a capture client guiding the person into place before a "
                    + "challenge: the face's box and hints (too far, too close, not centred, too dark…). Not an attempt, "
                    + "nothing stored; at most 5 a second per session (429 RATE_LIMITED with Retry-After).",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = NativeApi.PreviewForm.class))))
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Guidance")
    @ProblemResponses.Upload
    @ApiResponse(responseCode = "409", description = "SESSION_COMPLETED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "429", description = "RATE_LIMITED: more than 5 previews a second",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PostMapping(path = BASE + "/preview")
    NativeApi.Preview preview(@Parameter(hidden = true) @RequestParam("sessionToken") String sessionToken,
                              @Parameter(hidden = true) @RequestPart("frame") MultipartFile frame, HttpServletRequest request) {
        if (frame.getSize() > NativeApi.MAX_PREVIEW_BYTES) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, ProblemCodes.PHOTO_TOO_LARGE,
                    "A preview frame may have at most 512 kB; send a small frame (about 320×240).");
        }
        return NativeApi.Preview.of(sessions.preview(sessionToken, bytes(frame), callerTenant(request)));
    }

    /** A frame's bytes; at most {@link NativeApi#MAX_FRAME_BYTES}. */
    private static byte[] frame(MultipartFile file) {
        if (file.getSize() > NativeApi.MAX_FRAME_BYTES) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, ProblemCodes.PHOTO_TOO_LARGE,
                    "A frame of a burst may have at most 2 MB; '" + file.getOriginalFilename() + "' has " + file.getSize() + " bytes.");
        }
        return bytes(file);
    }

    /** {@code "0,100,200"} → milliseconds; null when absent. */
    private static long[] frameTimes(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return java.util.Arrays.stream(text.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
        } catch (NumberFormatException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST,
                    "frameTimes must be comma-separated whole milliseconds, such as 0,100,200.");
        }
    }

    @Operation(summary = "Upload a reference selfie to match the session's photos against",
            description = "Authorised by the session token alone (an API key sent along must belong to the session's tenant). "
                    + "A clear, front-facing selfie, taken once and before the first challenge "
                    + "attempt (else 409 REFERENCE_NOT_ALLOWED). It is identity evidence only: the challenge photos are matched "
                    + "against it; it is never what challenges are measured from nor part of the 3-D check.",
            operationId = "submitReferenceSelfie",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = NativeApi.ReferenceForm.class))))
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Stored")
    @ProblemResponses.Upload
    @ApiResponse(responseCode = "409", description = "SESSION_COMPLETED or REFERENCE_NOT_ALLOWED",
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
