package org.openliveness.server.erasure;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Size;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class UserErasureController {

    private final UserErasure erasure;

    UserErasureController(UserErasure erasure) {
        this.erasure = erasure;
    }

    @Operation(summary = "Erase everything stored about a user", operationId = "eraseUser",
            description = "Deletes the calling tenant's photos, liveness sessions and audit records of this user id, "
                    + "and records the erasure with a keyed hash (HMAC-SHA256 under a server secret) instead of the user id; "
                    + "records of erasures are never deleted. Needs the `admin` scope. "
                    + "Idempotent: erasing a user with no data also answers 204.")
    @ApiResponse(responseCode = "204", description = "Erased (or nothing to erase)")
    @DeleteMapping("/v1/users/{userId}")
    ResponseEntity<Void> erase(Caller caller, @PathVariable("userId") @Size(min = 1, max = 200) String userId) {
        caller.require(Scope.ADMIN);
        erasure.erase(caller.tenantId(), userId);
        return ResponseEntity.noContent().build();
    }
}
