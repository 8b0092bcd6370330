package org.openliveness.server.apikey;

import jakarta.servlet.ServletRequest;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openliveness.server.web.ApiException;
import org.openliveness.server.web.ProblemCodes;
import org.springframework.http.HttpStatus;

/**
 * Who is calling: the tenant of the request's API key and what it may do. A controller receives
 * it as a method parameter of this type (resolved from the {@code X-API-Key} header; a request
 * without a valid key never reaches the controller), or reads {@link #of(ServletRequest)}.
 *
 * @param tenantId the key's tenant (scope every query by it)
 * @param tenantName the tenant's unique name
 * @param scopes the key's scopes, never empty
 */
public record Caller(String tenantId, String tenantName, Set<Scope> scopes) {

    /** Request attribute holding the authenticated {@code Caller}. */
    public static final String REQUEST_ATTRIBUTE = Caller.class.getName();

    public Caller {
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(tenantName, "tenantName");
        if (scopes == null || scopes.isEmpty()) {
            throw new IllegalArgumentException("a caller has at least one scope");
        }
        scopes = Collections.unmodifiableSet(EnumSet.copyOf(scopes));
    }

    public boolean has(Scope scope) {
        return scopes.contains(scope);
    }

    /** @throws ApiException 403 {@code INSUFFICIENT_SCOPE} unless the key has {@code scope} */
    public void require(Scope scope) {
        requireAny(scope);
    }

    /** @throws ApiException 403 {@code INSUFFICIENT_SCOPE} unless the key has at least one of {@code anyOf} */
    public void requireAny(Scope... anyOf) {
        if (Arrays.stream(anyOf).noneMatch(scopes::contains)) {
            String needed = Arrays.stream(anyOf).map(Scope::value).collect(Collectors.joining("' or '", "'", "'"));
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemCodes.INSUFFICIENT_SCOPE,
                    "This API key lacks the scope " + needed + ".");
        }
    }

    /** The caller authenticated by an {@code X-API-Key} header on this request, if any. */
    public static Optional<Caller> of(ServletRequest request) {
        return request.getAttribute(REQUEST_ATTRIBUTE) instanceof Caller caller ? Optional.of(caller) : Optional.empty();
    }
}
