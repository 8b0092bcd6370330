package org.openliveness.server.identityflow;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.web.ApiException;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The identity-flow profile (seed 000's {@code LivenessController}): {@code /v1/identity-flow/...}.
 * Every call carries the tenant's API key ({@code X-API-Key}); the seed's calls also name the
 * client ({@code Client-Id}: the key's tenant), the flow session ({@code Session-Id}) and the step
 * ({@code step_id}). Maps requests onto {@link IdentityFlows} and the session core; decides nothing.
 */
@RestController
@ConditionalOnProperty(prefix = "openliveness.profiles.identity-flow", name = "enabled", havingValue = "true", matchIfMissing = true)
@Tag(name = IdentityFlowController.TAG, description = "Seed 000: an identity flow whose liveness step is a liveness session")
class IdentityFlowController {

    static final String BASE = "/v1/identity-flow";
    static final String TAG = "Identity flow (seed 000)";
    static final String CLIENT_ID = "Client-Id";
    static final String SESSION_ID = "Session-Id";
    static final String STEP_ID = "step_id";

    private final IdentityFlows flows;

    IdentityFlowController(IdentityFlows flows) {
        this.flows = flows;
    }

    @Operation(summary = "Start an identity flow for a user: its Session-Id", operationId = "identityFlowCreateSession",
            description = "Needs the `liveness` scope. Returns the `Session-Id` (shown once) and the `Client-Id` that the "
                    + "liveness calls send. No new liveness step starts after `expiresAt`; results stay readable.")
    @ApiResponse(responseCode = "201", description = "Created")
    @Errors
    // No "consumes": a body that is not JSON reaches the controller and gets the profile's error body (415).
    @PostMapping(path = BASE + "/sessions")
    ResponseEntity<IdentityFlowApi.FlowSession> create(Caller caller, @RequestBody IdentityFlowApi.FlowSessionRequest request) {
        caller.require(Scope.LIVENESS);
        IdentityFlows.Opened opened = flows.open(caller.tenantId(), request.userId(), request.externalReference(),
                request.challengeCount(), request.challengeTypes());
        return ResponseEntity.status(HttpStatus.CREATED).body(IdentityFlowApi.FlowSession.of(opened, caller.tenantName()));
    }

    @Operation(summary = "Liveness Init: the step's liveness session, its capture token and challenges",
            operationId = "livenessInitPOST",
            description = "Creates the liveness session of `step_id` on the first call; a repeated call returns the same "
                    + "session and capture token while the capture may run, and the completed session after (a new attempt "
                    + "takes a new `step_id`). A step whose session expired gets a new one. Hand `captureToken` to the "
                    + "capture component (or use it with the native capture calls).")
    @ApiResponse(responseCode = "200", description = "The step's liveness session")
    @Errors
    @ApiResponse(responseCode = "404", description = "SESSION_NOT_FOUND",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @ApiResponse(responseCode = "409", description = "TOO_MANY_STEPS",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @ApiResponse(responseCode = "410", description = "SESSION_EXPIRED: the flow session starts no new step",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE or SESSION_BUSY: call again",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @SeedHeaders
    @PostMapping(BASE + "/liveness/init")
    IdentityFlowApi.LivenessInitResponse init(Caller caller, @RequestHeader(CLIENT_ID) String clientId,
                                              @RequestParam(STEP_ID) String stepId, @RequestHeader(SESSION_ID) String sessionId) {
        requireClient(caller, clientId);
        return IdentityFlowApi.LivenessInitResponse.of(flows.init(caller.tenantId(), sessionId, stepId));
    }

    @Operation(summary = "Liveness Verify: the step's verdict once the capture finished", operationId = "livenessVerifyPOST",
            description = "Answers once the step's liveness session is COMPLETED (judged) or EXPIRED; records when the step was "
                    + "first verified. While the capture runs: 409 LIVENESS_IN_PROGRESS.")
    @ApiResponse(responseCode = "200", description = "The verdict")
    @Errors
    @ApiResponse(responseCode = "404", description = "SESSION_NOT_FOUND or STEP_NOT_FOUND",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @ApiResponse(responseCode = "409", description = "LIVENESS_IN_PROGRESS",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @SeedHeaders
    @PostMapping(BASE + "/liveness/verify")
    IdentityFlowApi.LivenessVerifyResponse verify(Caller caller, @RequestHeader(CLIENT_ID) String clientId,
                                                  @RequestParam(STEP_ID) String stepId, @RequestHeader(SESSION_ID) String sessionId) {
        requireClient(caller, clientId);
        return IdentityFlowApi.LivenessVerifyResponse.of(flows.verify(caller.tenantId(), sessionId, stepId));
    }

    @Operation(summary = "Liveness Details: everything about the step's verification", operationId = "livenessDetailsGET",
            description = "The step's liveness session: status, times, each challenge (attempts, how it was captured) and, "
                    + "once judged, the verdict with every check. Changes nothing.")
    @ApiResponse(responseCode = "200", description = "The step's verification")
    @Errors
    @ApiResponse(responseCode = "404", description = "SESSION_NOT_FOUND or STEP_NOT_FOUND",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @SeedHeaders
    @GetMapping(BASE + "/liveness/details")
    IdentityFlowApi.LivenessVerificationResponse details(Caller caller, @RequestHeader(CLIENT_ID) String clientId,
                                                         @RequestParam(STEP_ID) String stepId,
                                                         @RequestHeader(SESSION_ID) String sessionId) {
        requireClient(caller, clientId);
        return IdentityFlowApi.LivenessVerificationResponse.of(flows.details(caller.tenantId(), sessionId, stepId));
    }

    /** Client-Id names the API key's tenant; a key of another client is the seed's "Invalid Api Key". */
    private static void requireClient(Caller caller, String clientId) {
        if (!caller.tenantName().equals(clientId)) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_API_KEY,
                    "Invalid Api Key: this API key does not belong to the client named by Client-Id");
        }
        caller.require(Scope.LIVENESS);
    }

    /** The errors every operation of the profile can answer (the body is {@link IdentityFlowApi.FlowError}). */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "400", description = "INVALID_API_KEY (\"Invalid Api Key\": missing, unknown, revoked or expired "
            + "X-API-Key, or a key of another client than Client-Id), MISSING_PARAMETER or INVALID_REQUEST",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @ApiResponse(responseCode = "403", description = "INSUFFICIENT_SCOPE: the key lacks `liveness`",
            content = @Content(schema = @Schema(implementation = IdentityFlowApi.FlowError.class)))
    @interface Errors {
    }

    /** The seed's parameters, described for the OpenAPI document. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @Parameter(name = CLIENT_ID, in = ParameterIn.HEADER, required = true,
            description = "Client id: the name of your tenant (the `clientId` of the flow session; not a secret)")
    @Parameter(name = STEP_ID, in = ParameterIn.QUERY, required = true,
            description = "Step Id of the current identity step: 1 to 64 letters, digits or . _ : -")
    @Parameter(name = SESSION_ID, in = ParameterIn.HEADER, required = true,
            description = "Initialised Session-Id (from POST /v1/identity-flow/sessions)")
    @interface SeedHeaders {
    }
}
