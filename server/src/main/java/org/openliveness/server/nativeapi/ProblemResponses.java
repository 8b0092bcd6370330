package org.openliveness.server.nativeapi;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.http.ProblemDetail;

/** The problem responses the native API's operations share, for the OpenAPI document (composed annotations). */
final class ProblemResponses {

    static final String PROBLEM = "application/problem+json";

    private ProblemResponses() {
    }

    /** The API key checks of the backend operations. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "401", description = "INVALID_API_KEY",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "INSUFFICIENT_SCOPE",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @interface ApiKey {
    }

    /** What a photo upload with the session token can be refused with. */
    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @ApiResponse(responseCode = "400", description = "MISSING_PARAMETER, INVALID_REQUEST, EMPTY_PHOTO, CORRUPT_PHOTO, PHOTO_TOO_SMALL "
            + "or BURST_REQUIRED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "INVALID_SESSION_TOKEN",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "410", description = "SESSION_EXPIRED",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "PHOTO_TOO_LARGE or TOO_MANY_PIXELS",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "UNSUPPORTED_PHOTO_FORMAT",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "SESSION_BUSY or SERVICE_UNAVAILABLE: send the photo again",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @interface Upload {
    }
}
