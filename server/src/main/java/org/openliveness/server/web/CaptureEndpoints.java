package org.openliveness.server.web;

import java.util.Set;

/**
 * The capture endpoints: the calls a capture client makes with a session token alone (no API
 * key), and the only ones a browser on another origin may make (CORS). One list for both.
 */
public final class CaptureEndpoints {

    /** Paths (within the application) authorised by the session token, for POST. */
    public static final Set<String> PATHS = Set.of(
            "/v1/verifications/liveness/challenge",
            "/v1/verifications/liveness/challenge/start",
            "/v1/verifications/liveness/reference-selfie",
            "/v1/verifications/liveness/preview",
            "/v1/verifications/liveness/progress");

    private CaptureEndpoints() {
    }

    /** Whether {@code method} and {@code path} (without the context path) name a capture endpoint. */
    public static boolean contains(String method, String path) {
        return "POST".equals(method) && PATHS.contains(path);
    }
}
