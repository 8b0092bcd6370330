package org.openliveness.server.process;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.openliveness.server.oauth.AccessToken;
import org.openliveness.server.oauth.AccessTokens;
import org.openliveness.server.oauth.TokenCheck;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** Seed 004: {@code POST /processes/v1}, liveness and identity in one synchronous call. */
@RestController
@Tag(name = ProcessController.TAG)
@ConditionalOnProperty(name = ProcessConfiguration.ENABLED, havingValue = "true", matchIfMissing = true)
class ProcessController {

    static final String TAG = "Process (seed 004)";
    static final String PATH = "/processes/v1";

    private final Processes processes;
    private final AccessTokens tokens;

    ProcessController(Processes processes, AccessTokens tokens) {
        this.processes = processes;
        this.tokens = tokens;
    }

    @Operation(summary = "Create a liveness and/or identity process and get its final result", operationId = "createProcess",
            description = "Synchronous: the reply is the final result, `status` 3 (done: base decisions on this only) or 5 "
                    + "(error, with `error`). `liveness` 1 live, 2 not live, from the verdict of the finished liveness session "
                    + "named by `encrypted`; always 1 when liveness was not asked (no liveness check is done). `unicoId.result` "
                    + "`yes`/`no`: whether the selfie (with liveness: the session's live photo; else `imageBase64`) matches the "
                    + "subject's trusted image. Needs an access token from `POST /oauth2/token` granting each capability asked.")
    @SecurityRequirement(name = AccessTokens.OPENAPI_SCHEME)
    @ApiResponse(responseCode = "200", description = "The process's final result (status 3 or 5)")
    @ApiResponse(responseCode = "400", description = "INVALID_REQUEST", content = @Content(schema = @Schema(implementation = ProcessApi.Refusal.class)))
    @ApiResponse(responseCode = "401", description = "MISSING_ACCESS_TOKEN, INVALID_ACCESS_TOKEN or EXPIRED_ACCESS_TOKEN",
            content = @Content(schema = @Schema(implementation = ProcessApi.Refusal.class)))
    @ApiResponse(responseCode = "403", description = "CAPABILITY_NOT_GRANTED: the token lacks a capability asked for",
            content = @Content(schema = @Schema(implementation = ProcessApi.Refusal.class)))
    @ApiResponse(responseCode = "404", description = "SESSION_NOT_FOUND: `encrypted` names no liveness session of the tenant",
            content = @Content(schema = @Schema(implementation = ProcessApi.Refusal.class)))
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    ProcessApi.Process create(@Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                              @RequestBody ProcessApi.CreateProcess request) {
        return processes.run(authenticate(authorization), request);
    }

    private AccessToken authenticate(String authorization) {
        String token = AccessTokens.bearerToken(authorization).filter(t -> !t.isEmpty())
                .orElseThrow(() -> new ProcessException(HttpStatus.UNAUTHORIZED, ProcessException.MISSING_ACCESS_TOKEN,
                        "Send an access token from POST /oauth2/token as 'Authorization: Bearer <token>'."));
        TokenCheck<AccessToken> check = tokens.verify(token);
        if (check instanceof TokenCheck.Valid<AccessToken> valid) {
            return valid.token();
        }
        if (check instanceof TokenCheck.Expired<AccessToken>) {
            throw new ProcessException(HttpStatus.UNAUTHORIZED, ProcessException.EXPIRED_ACCESS_TOKEN,
                    "The access token has expired; request a new one.");
        }
        throw new ProcessException(HttpStatus.UNAUTHORIZED, ProcessException.INVALID_ACCESS_TOKEN,
                "The access token is not valid here (signature, issuer, audience, or its client was revoked).");
    }
}
