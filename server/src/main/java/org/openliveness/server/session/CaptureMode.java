package org.openliveness.server.session;

/** How a challenge, or a whole session, was answered. Stored by name. */
public enum CaptureMode {
    /** One still photo per challenge (the seed-003 API). */
    PHOTO,
    /** A burst of timed frames per challenge, recorded during the movement from a server-side start. */
    BURST
}
