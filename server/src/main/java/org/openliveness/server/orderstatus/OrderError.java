package org.openliveness.server.orderstatus;

import org.springframework.http.HttpStatus;

/** Every error code of seed 002, with the seed's message and solution and the HTTP status it is sent with. */
enum OrderError {
    ER033(HttpStatus.BAD_REQUEST, "Missing order id parameter.", "Supply an order id parameter."),
    ER034(HttpStatus.BAD_REQUEST, "Invalid order id parameter.", "Order id parameter can only be a number."),
    ER035(HttpStatus.NOT_FOUND, "An order with the supplied id was not found.", "Supply a valid order id."),
    ER150(HttpStatus.FORBIDDEN, "Provided orderId does not belong to authenticated user.", "Provide an orderId that belongs to the user."),
    ER700(HttpStatus.UNAUTHORIZED, "User authorization token not found.", "Provide a user authorization token."),
    ER702(HttpStatus.UNAUTHORIZED, "User authorization token is invalid.", "Provide a valid user authorization token."),
    ER800(HttpStatus.UNAUTHORIZED, "Authorization token is invalid.", "Provide a valid authorization token."),
    ER801(HttpStatus.UNAUTHORIZED, "Authorization token has expired.", "Request a new authorization token."),
    ER802(HttpStatus.UNAUTHORIZED, "Authorization token not found.", "Provide an authorization token."),
    ER803(HttpStatus.BAD_REQUEST, "Multiple authorization methods used.", "Use exactly one authorization method."),
    ER805(HttpStatus.UNAUTHORIZED, "API key is invalid.", "Provide a valid API key."),
    ER806(HttpStatus.UNAUTHORIZED, "API key not found.", "Provide an API key."),
    ER999(HttpStatus.INTERNAL_SERVER_ERROR, "A general error has occurred. Please contact our support team.", "Contact our support team.");

    private final HttpStatus status;
    private final String message;
    private final String solution;

    OrderError(HttpStatus status, String message, String solution) {
        this.status = status;
        this.message = message;
        this.solution = solution;
    }

    HttpStatus status() {
        return status;
    }

    String message() {
        return message;
    }

    String solution() {
        return solution;
    }

    /** Thrown by the controller; the advice writes the body. {@code status} overrides the usual one (403 for a scope). */
    static final class Refusal extends RuntimeException {
        private final OrderError error;
        private final HttpStatus status;

        Refusal(OrderError error) {
            this(error, error.status());
        }

        Refusal(OrderError error, HttpStatus status) {
            super(error.name(), null, false, false);
            this.error = error;
            this.status = status;
        }

        OrderError error() {
            return error;
        }

        HttpStatus status() {
            return status;
        }
    }
}
