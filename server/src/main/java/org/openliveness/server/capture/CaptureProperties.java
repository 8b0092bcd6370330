package org.openliveness.server.capture;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Capture client settings ({@code openliveness.capture.*}).
 *
 * @param allowedOrigins web origins ({@code https://host[:port]}, no path) whose pages may call
 *                       the capture endpoints from a browser (CORS). Default none: only
 *                       same-origin pages and non-browser clients can. {@code *} is refused:
 *                       list the origins of the pages that host the capture component.
 */
@ConfigurationProperties("openliveness.capture")
public record CaptureProperties(@DefaultValue List<String> allowedOrigins) {

    public CaptureProperties {
        allowedOrigins = allowedOrigins == null ? List.of() : allowedOrigins.stream().map(CaptureProperties::origin).toList();
    }

    /** {@code value} as an origin (scheme and authority, lower-case, no trailing slash), or a message saying why not. */
    private static String origin(String value) {
        String trimmed = value == null ? "" : value.strip();
        if (trimmed.equals("*")) {
            throw new IllegalArgumentException("openliveness.capture.allowed-origins: '*' is not accepted;"
                    + " list the origins of the pages that host the capture component (https://host[:port])");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            throw invalid(value);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !(path.isEmpty() || path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(value);
        }
        return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }

    private static IllegalArgumentException invalid(String value) {
        return new IllegalArgumentException("openliveness.capture.allowed-origins: '" + value
                + "' is not an origin; expected https://host or https://host:port, with no path");
    }
}
