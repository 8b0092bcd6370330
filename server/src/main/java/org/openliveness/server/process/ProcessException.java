package org.openliveness.server.process;

import org.springframework.http.HttpStatus;

/** A request the process profile refuses before creating a process: an HTTP error with a code. */
final class ProcessException extends RuntimeException {

    static final String MISSING_ACCESS_TOKEN = "MISSING_ACCESS_TOKEN";
    static final String INVALID_ACCESS_TOKEN = "INVALID_ACCESS_TOKEN";
    static final String EXPIRED_ACCESS_TOKEN = "EXPIRED_ACCESS_TOKEN";
    static final String CAPABILITY_NOT_GRANTED = "CAPABILITY_NOT_GRANTED";
    static final String INVALID_REQUEST = "INVALID_REQUEST";
    static final String SESSION_NOT_FOUND = "SESSION_NOT_FOUND";
    static final String INTERNAL_ERROR = "INTERNAL_ERROR";

    private final HttpStatus status;
    private final String code;

    ProcessException(HttpStatus status, String code, String message) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
    }

    HttpStatus status() {
        return status;
    }

    String code() {
        return code;
    }
}
