package org.openliveness.server.session;

import org.openliveness.engine.image.ImageException;
import org.openliveness.server.web.ApiException;
import org.springframework.http.HttpStatus;

/** Maps the engine's typed image errors onto API problems. None of them counts as an attempt. */
final class PhotoErrors {

    private PhotoErrors() {}

    static ApiException toApi(ImageException e) {
        return switch (e.code()) {
            case EMPTY -> new ApiException(HttpStatus.BAD_REQUEST, "EMPTY_PHOTO", "the photo is empty");
            case TOO_LARGE -> new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "PHOTO_TOO_LARGE", e.getMessage());
            case TOO_MANY_PIXELS -> new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "TOO_MANY_PIXELS", e.getMessage());
            case UNSUPPORTED_FORMAT -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_PHOTO_FORMAT",
                    "accepted formats: JPEG, PNG, WebP, HEIC");
            case UNSUPPORTED_ON_THIS_SERVER -> new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "UNSUPPORTED_PHOTO_FORMAT",
                    e.getMessage());
            case CORRUPT -> new ApiException(HttpStatus.BAD_REQUEST, "CORRUPT_PHOTO", "the photo cannot be decoded");
            case TOO_SMALL -> new ApiException(HttpStatus.BAD_REQUEST, "PHOTO_TOO_SMALL", e.getMessage());
        };
    }
}
