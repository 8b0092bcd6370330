package org.openliveness.server.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

/**
 * The stable error codes of the native API. Every error body is an RFC 9457 problem
 * ({@code application/problem+json}) with {@code type} = {@code urn:openliveness:problem:<code in
 * lower-kebab-case>}, {@code title} (the HTTP reason phrase), {@code status}, {@code detail}, the
 * request path as {@code instance}, and the extension member {@code code}. Clients branch on
 * {@code code} (or {@code type}); {@code detail} is for people and may change.
 *
 * <table>
 *   <caption>Problem codes</caption>
 *   <tr><th>code</th><th>status</th><th>when</th></tr>
 *   <tr><td>{@code INVALID_REQUEST}</td><td>400</td><td>the body is not valid JSON, a field or parameter has an invalid value or fails validation; {@code detail} names the field</td></tr>
 *   <tr><td>{@code MISSING_PARAMETER}</td><td>400</td><td>a required query/form parameter, multipart part or header is missing; {@code detail} names it</td></tr>
 *   <tr><td>{@code INVALID_API_KEY}</td><td>401</td><td>the {@code X-API-Key} header is missing, unknown, revoked or expired</td></tr>
 *   <tr><td>{@code INSUFFICIENT_SCOPE}</td><td>403</td><td>the API key lacks the scope the endpoint needs; {@code detail} names it</td></tr>
 *   <tr><td>{@code NOT_FOUND}</td><td>404</td><td>no endpoint at this path, or no such resource for this tenant</td></tr>
 *   <tr><td>{@code METHOD_NOT_ALLOWED}</td><td>405</td><td>the path exists but not with this HTTP method</td></tr>
 *   <tr><td>{@code NOT_ACCEPTABLE}</td><td>406</td><td>the {@code Accept} header allows no representation the endpoint has</td></tr>
 *   <tr><td>{@code PHOTO_TOO_LARGE}</td><td>413</td><td>an uploaded file is over 10 MB (a burst frame over 2 MB) or the whole request over 32 MB</td></tr>
 *   <tr><td>{@code UNSUPPORTED_MEDIA_TYPE}</td><td>415</td><td>the request's {@code Content-Type} is not one the endpoint reads</td></tr>
 *   <tr><td>{@code EMPTY_PHOTO}</td><td>400</td><td>the uploaded photo is empty</td></tr>
 *   <tr><td>{@code CORRUPT_PHOTO}</td><td>400</td><td>the photo's type is known but it cannot be decoded (truncated, damaged)</td></tr>
 *   <tr><td>{@code PHOTO_TOO_SMALL}</td><td>400</td><td>the photo is under 32 pixels on a side</td></tr>
 *   <tr><td>{@code TOO_MANY_PIXELS}</td><td>413</td><td>the photo's header declares more than 50 megapixels (refused before decoding)</td></tr>
 *   <tr><td>{@code UNSUPPORTED_PHOTO_FORMAT}</td><td>415</td><td>the photo is not JPEG, PNG, WebP or HEIC by its magic bytes (or HEIC without libheif on this server)</td></tr>
 *   <tr><td>{@code INVALID_SESSION_TOKEN}</td><td>401</td><td>the {@code sessionToken} is missing or belongs to no session</td></tr>
 *   <tr><td>{@code SESSION_NOT_FOUND}</td><td>404</td><td>no liveness session with this id for the calling tenant</td></tr>
 *   <tr><td>{@code CHALLENGE_NOT_FOUND}</td><td>404</td><td>the session has no challenge with this {@code challengeId}</td></tr>
 *   <tr><td>{@code CHALLENGE_ALREADY_ANSWERED}</td><td>409</td><td>the challenge already has an accepted photo</td></tr>
 *   <tr><td>{@code IDEMPOTENCY_KEY_REUSED}</td><td>422</td><td>an {@code Idempotency-Key} the tenant used within 24 hours for a different session-creation request</td></tr>
 *   <tr><td>{@code REFERENCE_NOT_ALLOWED}</td><td>409</td><td>a reference selfie after the session's first one or after its first challenge attempt (it is taken once, first)</td></tr>
 *   <tr><td>{@code SESSION_COMPLETED}</td><td>409</td><td>the session already has its verdict; create a new one</td></tr>
 *   <tr><td>{@code SESSION_EXPIRED}</td><td>410</td><td>the session expired (server clock) before every challenge had a photo</td></tr>
 *   <tr><td>{@code NO_FACE}, {@code MULTIPLE_FACES}, {@code FACE_TOO_SMALL}, {@code POOR_QUALITY}</td><td>422</td><td>a reference selfie without exactly one usable face (challenge photos answer 200 with the reason in {@code challenge.failureReason} instead, and count as an attempt)</td></tr>
 *   <tr><td>{@code RATE_LIMITED}</td><td>429</td><td>too many requests from one client address, for one session or one tenant, or too many failed attempts of one user; {@code Retry-After} says when to try again</td></tr>
 *   <tr><td>{@code TOKEN_IN_QUERY}</td><td>400</td><td>a {@code sessionToken} in the URL's query string: tokens go in the body only (URLs end up in logs)</td></tr>
 *   <tr><td>{@code SESSION_BUSY}</td><td>503</td><td>too many concurrent updates to one session; send the photo again</td></tr>
 *   <tr><td>{@code INTERNAL_ERROR}</td><td>500</td><td>the server failed; the body never says why (the server's log does)</td></tr>
 *   <tr><td>{@code SERVICE_UNAVAILABLE}</td><td>503</td><td>the server cannot answer now (for example a timed-out request); retry later</td></tr>
 * </table>
 *
 * <p>Add a code here, with its row, before using it: {@link ApiException} accepts any
 * UPPER_SNAKE_CASE code, but this table is the API's public list.
 */
public final class ProblemCodes {

    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String MISSING_PARAMETER = "MISSING_PARAMETER";
    public static final String INVALID_API_KEY = "INVALID_API_KEY";
    public static final String INSUFFICIENT_SCOPE = "INSUFFICIENT_SCOPE";
    public static final String NOT_FOUND = "NOT_FOUND";
    public static final String METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED";
    public static final String NOT_ACCEPTABLE = "NOT_ACCEPTABLE";
    public static final String PHOTO_TOO_LARGE = "PHOTO_TOO_LARGE";
    public static final String UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE";
    public static final String INTERNAL_ERROR = "INTERNAL_ERROR";
    public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String TOKEN_IN_QUERY = "TOKEN_IN_QUERY";

    /** Prefix of every problem {@code type}. */
    public static final String TYPE_PREFIX = "urn:openliveness:problem:";

    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9]*(_[A-Z0-9]+)*");

    private ProblemCodes() {}

    /** {@code PHOTO_TOO_LARGE} → {@code urn:openliveness:problem:photo-too-large}. */
    public static URI type(String code) {
        return URI.create(TYPE_PREFIX + requireValid(code).toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    /** A problem with this package's conventions; {@code detail} must be safe to show to the caller. */
    public static ProblemDetail problem(HttpStatusCode status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        HttpStatus known = HttpStatus.resolve(status.value());
        problem.setTitle(known != null ? known.getReasonPhrase() : "HTTP " + status.value());
        problem.setType(type(code));
        problem.setProperty("code", code);
        return problem;
    }

    static String requireValid(String code) {
        Objects.requireNonNull(code, "code");
        if (!CODE.matcher(code).matches()) {
            throw new IllegalArgumentException("a problem code is UPPER_SNAKE_CASE, got '" + code + "'");
        }
        return code;
    }

    /**
     * Writes a 429 {@code RATE_LIMITED} problem with {@code Retry-After} (whole seconds, at least 1),
     * for filters that refuse a request before any controller sees it.
     */
    public static void writeRateLimited(HttpServletRequest request, HttpServletResponse response, String detail, long retryAfterMs)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (retryAfterMs + 999) / 1000)));
        write(request, response, HttpStatus.TOO_MANY_REQUESTS, RATE_LIMITED, detail);
    }

    /** Writes a problem reply from a filter. */
    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code, String detail)
            throws IOException {
        ProblemDetail body = problem(status, code, detail);
        body.setInstance(instance(request.getRequestURI()));
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(FILTER_JSON.writeValueAsBytes(body));
    }

    private static final ObjectMapper FILTER_JSON = new ObjectMapper().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class);

    private static final Pattern SESSION_TOKEN = Pattern.compile("ses_[A-Za-z0-9_-]+");

    /**
     * The request path as a problem's {@code instance}, with any session token in it masked: a
     * token may be the {@code {id}} of a read, and a problem body is often logged by clients and proxies.
     */
    public static URI instance(String requestUri) {
        return URI.create(SESSION_TOKEN.matcher(requestUri).replaceAll("ses_…"));
    }
}
