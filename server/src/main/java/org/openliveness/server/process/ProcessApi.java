package org.openliveness.server.process;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The wire records of the process profile. */
final class ProcessApi {

    private ProcessApi() {}

    /** Who the process is about. */
    @Schema(name = "ProcessSubject")
    record Subject(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The subject's identifier: the "
                           + "`userId` of their liveness session and of their enrolment (Unico: the CPF)", example = "alice")
                   String code,
                   @Schema(description = "The subject's name, for the integrator's records; not checked", example = "Alice Doe")
                   String name) {}

    /** The request of {@code POST /processes/v1}. */
    record CreateProcess(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Subject subject,
            @Schema(description = "`liveness`, `identity` or both; when absent, those of the access token's scopes")
            List<String> capabilities,
            @Schema(description = "What the capture component returned (the Unico SDK's `encrypted`): the liveness "
                    + "session's token or id. Needed for liveness; for identity without an image, its answer photo is matched")
            String encrypted,
            @Schema(description = "The selfie as base64 (JPEG or PNG), matched to the subject's trusted image for identity "
                    + "without liveness. With liveness the session's live answer photo is matched instead")
            String imageBase64) {}

    /** The identity result: {@code yes} the selfie shows the enrolled subject, {@code no} it does not. */
    @Schema(name = "ProcessUnicoId")
    record UnicoId(@Schema(allowableValues = {"yes", "no"}) String result) {}

    /** Why a process ended with status 5, or why a request was refused. */
    @Schema(name = "ProcessError")
    record Error(String code, String message) {}

    /** The reply: always {@code id} and {@code status}; the rest as the status and capabilities say. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Process(
            @Schema(description = "The process's id") String id,
            @Schema(description = "3 done, 5 error (the final statuses; the answer is synchronous)", allowableValues = {"3", "5"})
            int status,
            @Schema(description = "1 live, 2 not live; always 1 when liveness was not asked (no liveness check is done)",
                    allowableValues = {"1", "2"}) Integer liveness,
            @Schema(description = "The identity result, when identity was asked and the status is 3") UnicoId unicoId,
            @Schema(description = "Why the process ended with status 5") Error error) {

        static Process done(String id, int liveness, UnicoId unicoId) {
            return new Process(id, 3, liveness, unicoId, null);
        }

        static Process failed(String id, String code, String message) {
            return new Process(id, 5, null, null, new Error(code, message));
        }
    }

    /** A refused request (HTTP 4xx). */
    @Schema(name = "ProcessRefusal")
    record Refusal(Error error) {}
}
