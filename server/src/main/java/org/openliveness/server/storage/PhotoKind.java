package org.openliveness.server.storage;

/** Why a photo was taken ({@code photo.kind}). */
public enum PhotoKind {
    /** The answer to one challenge of a liveness session ({@code challenge_id} says which). */
    CHALLENGE,
    /** A reference selfie or trusted image that session photos are matched against. */
    REFERENCE,
    /** An image checked on its own, without a session (an API profile's single-image check). */
    PROBE
}
