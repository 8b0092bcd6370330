package org.openliveness.server.orderstatus;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;

/** The wire records of seed 002. */
final class OrderStatusApi {

    private OrderStatusApi() {}

    /** {@code data}: the capture token while the session is open; empty once it is over. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OrderStatusData")
    record Data(@Schema(description = "A short-lived capture token for the order's liveness session: what the capture "
            + "component starts from (as `sessionToken`). Absent once the session is over.") String accessToken) {}

    /** The liveness check status of an order. */
    @Schema(name = "OrderLivenessStatus")
    record Status(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "Name of the identification status", example = "liveness")
            String name,
            @Schema(description = "The type of the identification", nullable = true, example = "active")
            String type,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "PENDING (nothing captured yet), IN_PROGRESS, "
                    + "APPROVED (a live person), REJECTED (not), EXPIRED (not finished in time)",
                    allowableValues = {"PENDING", "IN_PROGRESS", "APPROVED", "REJECTED", "EXPIRED"})
            String status,
            Data data) {}

    /** One error. */
    @Schema(name = "OrderStatusError")
    record Error(String code, String message, String solution) {}

    /** {@code {"errors":{"ERxxx":{…}}}}. */
    @Schema(name = "OrderStatusErrors")
    record Errors(Map<String, Error> errors) {
        static Errors of(OrderError e) {
            return new Errors(Map.of(e.name(), new Error(e.name(), e.message(), e.solution())));
        }
    }
}
