package org.openliveness.server.enrolment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.session.SessionException;
import org.openliveness.server.web.ApiException;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The built-in enrolment store's API: a user's trusted face image, which the API profiles match
 * selfies against. Needs the {@code identity} scope; errors are the native API's problems.
 */
@RestController
@Tag(name = "Enrolment", description = "Users' trusted face images (the built-in user-details provider)")
class EnrolmentController {

    static final String PATH = "/v1/users/{userId}/enrolment";
    private static final String PROBLEM = MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    private final Enrolments enrolments;

    EnrolmentController(Enrolments enrolments) {
        this.enrolments = enrolments;
    }

    /** The multipart form of an enrolment (for the OpenAPI description). */
    record EnrolmentForm(@Schema(description = "the trusted face image: JPEG or PNG, at most 10 MB, one usable face",
            type = "string", format = "binary", requiredMode = Schema.RequiredMode.REQUIRED) String image) {
    }

    @Operation(summary = "Enrol (or replace) a user's trusted face image", operationId = "putEnrolment",
            description = "Needs the `identity` scope. The `image` part is a JPEG or PNG showing exactly one usable face, "
                    + "judged like every session photo (size, brightness, sharpness, no second face of similar size). "
                    + "Stored encrypted with the photo key until replaced, deleted or the user is erased (not under the "
                    + "photo retention). Answers 201 for a new enrolment, 200 for a replaced one; never returns the image.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.MULTIPART_FORM_DATA_VALUE,
                    schema = @Schema(implementation = EnrolmentForm.class))))
    @ApiResponse(responseCode = "200", description = "Replaced the earlier enrolment")
    @ApiResponse(responseCode = "201", description = "Enrolled")
    @ApiResponse(responseCode = "400", description = "MISSING_PARAMETER, EMPTY_PHOTO, CORRUPT_PHOTO, PHOTO_TOO_SMALL or INVALID_REQUEST",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "401", description = "INVALID_API_KEY",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "403", description = "INSUFFICIENT_SCOPE",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "413", description = "PHOTO_TOO_LARGE or TOO_MANY_PIXELS",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "415", description = "UNSUPPORTED_PHOTO_FORMAT (not JPEG or PNG)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "422", description = "NO_FACE, MULTIPLE_FACES, FACE_TOO_SMALL or POOR_QUALITY",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "503", description = "SERVICE_UNAVAILABLE: every analysis slot stayed busy for "
            + "`openliveness.session.analysis-wait`",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @PutMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Enrolment> put(Caller caller, @PathVariable("userId") String userId,
                                  @io.swagger.v3.oas.annotations.Parameter(hidden = true) @RequestPart("image") MultipartFile image) {
        caller.require(Scope.IDENTITY);
        EnrolmentStore.Put put;
        try {
            put = enrolments.enrol(caller.tenantId(), userId, bytes(image));
        } catch (Enrolments.Refused e) {
            throw refusal(e);
        } catch (SessionException.Overloaded e) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, ProblemCodes.SERVICE_UNAVAILABLE,
                    "Every analysis slot is busy; try again later.");
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, ProblemCodes.INVALID_REQUEST, e.getMessage() + ".");
        }
        return ResponseEntity.status(put.created() ? HttpStatus.CREATED : HttpStatus.OK).body(put.enrolment());
    }

    @Operation(summary = "Read a user's enrolment (metadata, not the image)", operationId = "getEnrolment",
            description = "Needs the `identity` scope. 404 `NOT_FOUND` when the user has no enrolment.")
    @ApiResponse(responseCode = "200", description = "The enrolment")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @GetMapping(PATH)
    Enrolment get(Caller caller, @PathVariable("userId") String userId) {
        caller.require(Scope.IDENTITY);
        return enrolments.find(caller.tenantId(), userId).orElseThrow(EnrolmentController::notEnrolled);
    }

    @Operation(summary = "Delete a user's trusted face image", operationId = "deleteEnrolment",
            description = "Needs the `identity` scope. 404 `NOT_FOUND` when the user has no enrolment. Erasing the user "
                    + "(`DELETE /v1/users/{userId}`) deletes it too.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "NOT_FOUND",
            content = @Content(mediaType = PROBLEM, schema = @Schema(implementation = ProblemDetail.class)))
    @DeleteMapping(PATH)
    ResponseEntity<Void> delete(Caller caller, @PathVariable("userId") String userId) {
        caller.require(Scope.IDENTITY);
        if (!enrolments.delete(caller.tenantId(), userId)) {
            throw notEnrolled();
        }
        return ResponseEntity.noContent().build();
    }

    private static ApiException notEnrolled() {
        return new ApiException(HttpStatus.NOT_FOUND, ProblemCodes.NOT_FOUND, "This user has no enrolment.");
    }

    private static byte[] bytes(MultipartFile file) {
        try {
            return file == null ? new byte[0] : file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the upload", e);
        }
    }

    /** The native API's codes for an image it cannot enrol. */
    private static ApiException refusal(Enrolments.Refused e) {
        if (e.faceProblem() != null) {
            return new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, e.faceProblem().reason().name(), e.faceProblem().detail());
        }
        return switch (e.imageProblem()) {
            case EMPTY -> new ApiException(HttpStatus.BAD_REQUEST, "EMPTY_PHOTO", "The image is empty.");
            case TOO_LARGE -> new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, ProblemCodes.PHOTO_TOO_LARGE, e.getMessage());
            case TOO_MANY_PIXELS -> new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_MANY_PIXELS", e.getMessage());
            case UNSUPPORTED_FORMAT, UNSUPPORTED_ON_THIS_SERVER -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "UNSUPPORTED_PHOTO_FORMAT", "A trusted image is a JPEG or a PNG.");
            case CORRUPT -> new ApiException(HttpStatus.BAD_REQUEST, "CORRUPT_PHOTO", "The image cannot be decoded.");
            case TOO_SMALL -> new ApiException(HttpStatus.BAD_REQUEST, "PHOTO_TOO_SMALL", e.getMessage());
        };
    }
}
