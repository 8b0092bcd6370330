package org.openliveness.server.checkproxy;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** The seed-001 wire format: requests, replies and the error body, field for field as the seed names them. */
final class CheckProxyApi {

    private CheckProxyApi() {
    }

    @Schema(name = "CheckProxyInitRequest")
    record InitRequest(@Schema(description = "Identifier of the user for whom the verification process will be initiated.",
            requiredMode = Schema.RequiredMode.REQUIRED, example = "user1") String userId) {
    }

    @Schema(name = "CheckProxyInitResponse")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record InitResponse(
            @Schema(description = "Type of the initiation made. One of: TOKEN, NONE.", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"TOKEN", "NONE"}) String initiationType,
            @Schema(description = "With TOKEN, the capture session's token: the capture component starts from it. "
                    + "With NONE, null.", nullable = true, example = "ses_3q2…") String reference) {
    }

    @Schema(name = "CheckProxyLivenessRecord")
    record LivenessRecord(
            @Schema(description = "A base64 JPEG/PNG/WebP/HEIC face image for a single-image check (lower assurance).",
                    example = "c2VsZmllSW1hZ2U=") String image,
            @Schema(description = "The reference init answered with TOKEN (the capture session's token). When given, "
                    + "the capture session decides and `image` is ignored.") String reference) {
    }

    @Schema(name = "CheckProxyVerifyRequest")
    record VerifyRequest(
            @Schema(description = "Identifier of the user to be verified.", requiredMode = Schema.RequiredMode.REQUIRED,
                    example = "user1") String userId,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) LivenessRecord livenessRecord) {
    }

    @Schema(name = "CheckProxyVerifyResponse")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record VerifyResponse(
            @Schema(description = "Verification result. One of: ACCEPTED, REJECTED.", requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"ACCEPTED", "REJECTED"}) String result,
            @Schema(description = "A base64-encoded selfie captured by the user during verification; null unless the "
                    + "operator set openliveness.profiles.check-proxy.include-selfie.", nullable = true) String selfie) {
    }

    @Schema(name = "CheckProxyAuditRecord")
    record AuditRecord(@Schema(description = "The ID of the audit log.") String id,
                       @Schema(description = "Timestamp of the audit log creation as unix timestamp in milliseconds.") long timestamp,
                       @Schema(description = "Summary message of the audit log.") String message) {
    }

    @Schema(name = "CheckProxyAuditList")
    record AuditList(List<AuditRecord> records) {
    }

    @Schema(name = "CheckProxyAuditDetail")
    record AuditDetail(@Schema(description = "The ID of the audit log.") String id,
                       @Schema(description = "Timestamp of the audit log creation as unix timestamp in milliseconds.") long timestamp,
                       @Schema(description = "Summary message of the audit log.") String message,
                       @Schema(description = "userId; probeImage and trustedImage as base64 while the photos are kept "
                               + "(else imageNote says which is gone); the record's other stored parameters.")
                       Map<String, Object> params) {
    }

    @Schema(name = "CheckProxyErrorBody")
    record ErrorBody(@Schema(description = "The error code.", example = "VERIFICATION_ERROR") String code,
                     @Schema(description = "What went wrong.", example = "Could not verify liveness of the user.") String message) {
    }

    @Schema(name = "CheckProxyError")
    record ErrorResponse(@Schema(description = "Always ERROR.", example = "ERROR") String status, ErrorBody responseObject) {

        static ErrorResponse of(String code, String message) {
            return new ErrorResponse("ERROR", new ErrorBody(code, message));
        }
    }
}
