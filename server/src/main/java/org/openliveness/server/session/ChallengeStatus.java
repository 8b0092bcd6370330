package org.openliveness.server.session;

/** Where one challenge of a session stands. Stored by name. */
public enum ChallengeStatus {
    /** No accepted photo yet. */
    PENDING,
    /** A photo met the challenge. */
    MET,
    /** The session ended on this challenge: its attempts were used up, or its photo was a replay. */
    FAILED
}
