package org.openliveness.server.checkproxy;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The seed-001 endpoints at the seed's paths under {@code openliveness.profiles.check-proxy.path-prefix}.
 * Authenticated by {@code X-API-Key} ({@link CheckProxyAuthentication}); scope {@code liveness} for
 * init and verify, {@code audit} for the audit reads. Any other path under {@code /liveness/} or
 * {@code /admin/audit/} is the seed's {@code ERROR_NOT_FOUND}.
 */
@RestController
@ConditionalOnProperty(prefix = "openliveness.profiles.check-proxy", name = "enabled", havingValue = "true", matchIfMissing = true)
@RequestMapping("${openliveness.profiles.check-proxy.path-prefix:}")
@Tag(name = CheckProxyController.TAG, description = "Seed 001: a liveness-check proxy (init / verify, audit logs); "
        + "errors are {\"status\":\"ERROR\",\"responseObject\":{\"code\",\"message\"}}")
class CheckProxyController {

    static final String TAG = "Profile: seed 001 liveness check proxy";

    private final CheckProxy proxy;

    CheckProxyController(CheckProxy proxy) {
        this.proxy = proxy;
    }

    /** The seed's error body on 400, 401, 403, 404, 409 and 500. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "400", description = "ERROR_REQUEST, INITIATION_ERROR, USER_DETAILS_MISSING, USER_NOT_ENROLLED "
            + "or VERIFICATION_ERROR", content = @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = CheckProxyApi.ErrorResponse.class)))
    @ApiResponse(responseCode = "401", description = "ERROR_UNAUTHORIZED: no valid X-API-Key", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CheckProxyApi.ErrorResponse.class)))
    @ApiResponse(responseCode = "403", description = "ERROR_FORBIDDEN: the key lacks the scope", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CheckProxyApi.ErrorResponse.class)))
    @ApiResponse(responseCode = "404", description = "ERROR_NOT_FOUND", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CheckProxyApi.ErrorResponse.class)))
    @ApiResponse(responseCode = "409", description = "ERROR_REMOTE: the user-details provider failed", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CheckProxyApi.ErrorResponse.class)))
    @ApiResponse(responseCode = "500", description = "ERROR_GENERIC", content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = CheckProxyApi.ErrorResponse.class)))
    @interface SeedErrors {
    }

    @Operation(summary = "Initiate Liveness Verification", operationId = "checkProxyInit",
            description = "Needs the `liveness` scope. TOKEN: a capture session is created for the user, with the user's trusted "
                    + "image (from the user-details provider) as its reference selfie; `reference` is its session token, which "
                    + "the capture component starts from. NONE: the client sends one image to verify (reference null). Which one "
                    + "is the operator's choice (`initiation`, per user `user-initiation[<userId>]`).")
    @ApiResponse(responseCode = "200", description = "Initiated")
    @SeedErrors
    @PostMapping("/liveness/init")
    CheckProxyApi.InitResponse init(Caller caller, @RequestBody CheckProxyApi.InitRequest request) {
        caller.require(Scope.LIVENESS);
        return proxy.init(caller.tenantId(), request);
    }

    @Operation(summary = "Verify Liveness", operationId = "checkProxyVerify",
            description = "Needs the `liveness` scope. With `livenessRecord.reference`: the verdict of that capture session "
                    + "(VERIFICATION_ERROR while it is not finished or after it expired). With `livenessRecord.image` only: a "
                    + "single-image check against the user's trusted image — one usable face, the passive presentation-attack "
                    + "model, quality and the face match; lower assurance than a capture session, recorded as such in the audit "
                    + "log, and refused (VERIFICATION_ERROR) when the operator switched single-image checks off.")
    @ApiResponse(responseCode = "200", description = "ACCEPTED or REJECTED")
    @SeedErrors
    @PostMapping("/liveness/verify")
    CheckProxyApi.VerifyResponse verify(Caller caller, @RequestBody CheckProxyApi.VerifyRequest request) {
        caller.require(Scope.LIVENESS);
        return proxy.verify(caller.tenantId(), request);
    }

    @Operation(summary = "List Audit Logs", operationId = "checkProxyAuditLogs",
            description = "Needs the `audit` scope. The user's audit records created in [start, end], newest first, without "
                    + "parameters. (Reading a record's detail is audited; listing is not, so that paging stays stable.)")
    @ApiResponse(responseCode = "200", description = "A page of records")
    @SeedErrors
    @GetMapping("/admin/audit/users/{userId}")
    CheckProxyApi.AuditList auditLogs(Caller caller,
                                      @Parameter(description = "ID of the user whose audit logs to retrieve.") @PathVariable("userId") String userId,
                                      @Parameter(description = "Beginning of the time frame, unix ms. Defaults to 30 days before end.")
                                      @RequestParam(name = "start", required = false) Long start,
                                      @Parameter(description = "End of the time frame, unix ms. Defaults to now.")
                                      @RequestParam(name = "end", required = false) Long end,
                                      @Parameter(description = "Records per page, 1..1000. Defaults to 100.")
                                      @RequestParam(name = "pageSize", required = false) Integer pageSize,
                                      @Parameter(description = "Page number from 0. Defaults to 0.")
                                      @RequestParam(name = "pageNumber", required = false) Integer pageNumber) {
        caller.require(Scope.AUDIT);
        return proxy.auditLogs(caller.tenantId(), userId, start, end, pageSize, pageNumber);
    }

    @Operation(summary = "Read Audit Log Detail", operationId = "checkProxyAuditLog",
            description = "Needs the `audit` scope. The record with `params`: `userId`, and `probeImage` / `trustedImage` as base64 "
                    + "while those photos are kept (an erased or expired photo is left out and `imageNote` says so). An unknown "
                    + "id is ERROR_REQUEST \"Audit log was not found.\", as the seed says. Reading is itself audited.")
    @ApiResponse(responseCode = "200", description = "The record")
    @SeedErrors
    @GetMapping("/admin/audit/{auditLogId}")
    CheckProxyApi.AuditDetail auditLog(Caller caller,
                                       @Parameter(description = "ID of the audit log.") @PathVariable("auditLogId") String auditLogId) {
        caller.require(Scope.AUDIT);
        return proxy.auditLog(caller.tenantId(), auditLogId);
    }

    /** Any other method or path under the profile's trees. */
    @Operation(hidden = true)
    @RequestMapping({"/liveness/**", "/admin/audit/**"})
    void unknown() {
        throw new CheckProxyError(CheckProxyError.Code.ERROR_NOT_FOUND);
    }
}
