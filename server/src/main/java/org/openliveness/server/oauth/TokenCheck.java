package org.openliveness.server.oauth;

/**
 * What checking a presented token found. Expired is told apart from invalid only for a token
 * this service signed (a forged token is invalid, whatever its {@code exp}).
 */
public sealed interface TokenCheck<T> {

    /** A genuine token, for this audience, not expired, whose client is still active. */
    record Valid<T>(T token) implements TokenCheck<T> {}

    /** A genuine token past its expiry. */
    record Expired<T>() implements TokenCheck<T> {}

    /**
     * Anything else: malformed, another signature, algorithm, type, issuer or audience, or a client
     * that is revoked, expired or gone.
     *
     * @param reason for the log and for people; never contains the token
     */
    record Invalid<T>(String reason) implements TokenCheck<T> {}
}
