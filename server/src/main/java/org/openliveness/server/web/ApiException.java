package org.openliveness.server.web;

import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses, answered as an RFC 9457 problem with {@link #status()}, the stable
 * {@link #code()} (one of {@link ProblemCodes}) and {@link #detail()} — a sentence for the
 * integrating developer that must not carry secrets, photo data or exception text.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String code;

    public ApiException(HttpStatus status, String code, String detail) {
        super(Objects.requireNonNull(detail, "detail"), null, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.code = ProblemCodes.requireValid(code);
    }

    public HttpStatus status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String detail() {
        return getMessage();
    }
}
