package org.openliveness.server.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.openliveness.server.apikey.ApiKeyInfo;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.tenant.Tenant;
import org.openliveness.server.tenant.Tenants;

/**
 * Issues and checks access tokens and user tokens. An OAuth client is an API key:
 * {@code client_id} is the key's id and {@code client_secret} the key. Tokens are HS256 JWTs
 * ({@code typ} {@code at+jwt} for access tokens, {@code user+jwt} for user tokens, so neither
 * passes for the other) with {@code iss}, {@code aud}, {@code sub}, {@code client_id}, {@code iat},
 * {@code exp} and {@code jti}; access tokens add {@code scope} (space-separated). Every check of a
 * token looks the client up again: a token of a revoked or expired key is refused from then on.
 * Thread-safe.
 */
public final class AccessTokens {

    /** Name of the OpenAPI security scheme of access tokens ({@code Authorization: Bearer}). */
    public static final String OPENAPI_SCHEME = "accessToken";
    static final String ACCESS_TYPE = "at+jwt";
    static final String USER_TYPE = "user+jwt";
    /** How far a token's {@code iat} may be ahead of this server's clock (another instance's clock). */
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final Hs256Jwt jwt;
    private final ApiKeys apiKeys;
    private final Tenants tenants;
    private final OAuthProperties settings;
    private final Clock clock;
    private final ObjectMapper json;

    AccessTokens(Hs256Jwt jwt, ObjectMapper json, ApiKeys apiKeys, Tenants tenants, OAuthProperties settings, Clock clock) {
        this.jwt = Objects.requireNonNull(jwt, "jwt");
        this.json = Objects.requireNonNull(json, "json");
        this.apiKeys = Objects.requireNonNull(apiKeys, "apiKeys");
        this.tenants = Objects.requireNonNull(tenants, "tenants");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** An authenticated OAuth client: the API key's id and what the key may do. */
    public record Client(String clientId, Caller caller) {}

    /** A token just issued; {@code expiresIn} is its whole validity. */
    public record Issued(String token, Set<Scope> scopes, Duration expiresIn) {}

    /** A {@code scope} parameter that names a scope the client does not have (or none at all). */
    public static final class InvalidScope extends RuntimeException {
        InvalidScope(String message) {
            super(message);
        }
    }

    /**
     * The client with these credentials; empty for an unknown id, a wrong secret, or a key that is
     * revoked or expired. Neither credential is logged.
     */
    public Optional<Client> authenticateClient(String clientId, String clientSecret) {
        if (clientId == null || clientSecret == null || clientId.isBlank() || clientSecret.isBlank()) {
            return Optional.empty();
        }
        Optional<ApiKeyInfo> info = activeKey(clientId);
        if (info.isEmpty() || !clientSecret.startsWith(info.get().keyPrefix())) {
            return Optional.empty();
        }
        return apiKeys.authenticate(clientSecret)
                .filter(caller -> caller.tenantName().equals(info.get().tenant()))
                .map(caller -> new Client(clientId, caller));
    }

    /**
     * An access token for the client with the scopes asked for.
     *
     * @param requested a space-separated {@code scope} parameter, or null/blank for all the client's scopes
     * @throws InvalidScope when it names an unknown scope or one the client lacks
     */
    public Issued issue(Client client, String requested) {
        Set<Scope> scopes = requested == null || requested.isBlank() ? client.caller().scopes() : parseScopes(requested);
        if (!client.caller().scopes().containsAll(scopes)) {
            EnumSet<Scope> missing = EnumSet.copyOf(scopes);
            missing.removeAll(client.caller().scopes());
            throw new InvalidScope("this client may not have the scope(s) " + format(missing));
        }
        ObjectNode claims = claims(client.clientId(), client.clientId());
        claims.put("scope", format(scopes));
        return new Issued(jwt.sign(ACCESS_TYPE, claims), scopes, settings.tokenTtl());
    }

    /** A user token for {@code userId}, vouched for by the client (its tenant's backend). */
    public Issued issueUserToken(Client client, String userId) {
        ObjectNode claims = claims(userId, client.clientId());
        return new Issued(jwt.sign(USER_TYPE, claims), client.caller().scopes(), settings.tokenTtl());
    }

    /** Checks an access token presented as {@code Authorization: Bearer}. */
    public TokenCheck<AccessToken> verify(String token) {
        return check(token, ACCESS_TYPE, "not an access token signed here", (claims, clientId, tenant, expiresAt) -> {
            Set<Scope> scopes;
            try {
                scopes = parseScopes(claims.path("scope").asText(""));
            } catch (InvalidScope e) {
                return new TokenCheck.Invalid<>("the token's scope is not understood");
            }
            return new TokenCheck.Valid<>(new AccessToken(clientId, tenant.id(), tenant.name(), scopes, expiresAt));
        });
    }

    /** Checks a user token. */
    public TokenCheck<UserToken> verifyUser(String token) {
        return check(token, USER_TYPE, "not a user token signed here", (claims, clientId, tenant, expiresAt) ->
                new TokenCheck.Valid<>(new UserToken(claims.path("sub").asText(), clientId, tenant.id(), expiresAt)));
    }

    /** What a token of one type is made of once its signature, claims, expiry and client hold. */
    private interface Reading<T> {
        TokenCheck<T> read(JsonNode claims, String clientId, Tenant tenant, Instant expiresAt);
    }

    /** The checks every token of this service passes: signed here as {@code type}, claims, expiry, an active client. */
    private <T> TokenCheck<T> check(String token, String type, String notSigned, Reading<T> reading) {
        Optional<JsonNode> verified = jwt.verify(token, type);
        if (verified.isEmpty()) {
            return new TokenCheck.Invalid<>(notSigned);
        }
        JsonNode claims = verified.get();
        Optional<String> problem = problem(claims);
        if (problem.isPresent()) {
            return new TokenCheck.Invalid<>(problem.get());
        }
        Instant expiresAt = Instant.ofEpochSecond(claims.path("exp").asLong());
        if (!clock.instant().isBefore(expiresAt)) {
            return new TokenCheck.Expired<>();
        }
        String clientId = claims.path("client_id").asText();
        Optional<Tenant> tenant = activeKey(clientId).flatMap(info -> tenants.findByName(info.tenant()));
        if (tenant.isEmpty()) {
            return new TokenCheck.Invalid<>("the client is revoked, expired or unknown");
        }
        return reading.read(claims, clientId, tenant.get(), expiresAt);
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive, RFC 6750 §2.1):
     * empty when the header is absent or of another scheme, blank when the scheme carries no token.
     */
    public static Optional<String> bearerToken(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String value = authorization.strip();
        if (value.equalsIgnoreCase("Bearer")) {
            return Optional.of("");
        }
        if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(value.substring(7).strip());
    }

    /** How long tokens are valid. */
    public Duration tokenTtl() {
        return settings.tokenTtl();
    }

    private ObjectNode claims(String subject, String clientId) {
        long now = clock.instant().getEpochSecond();
        return json.createObjectNode()
                .put("iss", settings.issuer())
                .put("aud", settings.audience())
                .put("sub", subject)
                .put("client_id", clientId)
                .put("iat", now)
                .put("exp", now + settings.tokenTtl().toSeconds())
                .put("jti", UUID.randomUUID().toString());
    }

    /** What is wrong with a genuine token's claims for this service, if anything (expiry aside). */
    private Optional<String> problem(JsonNode claims) {
        if (!settings.issuer().equals(claims.path("iss").asText(null))) {
            return Optional.of("another issuer");
        }
        JsonNode aud = claims.path("aud");
        boolean forUs = aud.isTextual() ? settings.audience().equals(aud.asText())
                : aud.isArray() && java.util.stream.StreamSupport.stream(aud.spliterator(), false)
                        .anyMatch(a -> settings.audience().equals(a.asText()));
        if (!forUs) {
            return Optional.of("another audience");
        }
        if (!claims.path("exp").isIntegralNumber() || !claims.path("iat").isIntegralNumber()
                || !claims.path("client_id").isTextual() || !claims.path("sub").isTextual()) {
            return Optional.of("claims missing");
        }
        if (Instant.ofEpochSecond(claims.path("iat").asLong()).isAfter(clock.instant().plus(CLOCK_SKEW))) {
            return Optional.of("issued in the future");
        }
        return Optional.empty();
    }

    private Optional<ApiKeyInfo> activeKey(String clientId) {
        return apiKeys.find(clientId).filter(info -> info.status(clock.instant()) == ApiKeyInfo.Status.ACTIVE);
    }

    private static Set<Scope> parseScopes(String spaceSeparated) {
        EnumSet<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String part : spaceSeparated.strip().split("\\s+")) {
            try {
                scopes.add(Scope.parse(part));
            } catch (IllegalArgumentException e) {
                throw new InvalidScope("unknown scope '" + part + "'");
            }
        }
        return scopes;
    }

    private static String format(Set<Scope> scopes) {
        return scopes.stream().sorted().map(Scope::value).collect(Collectors.joining(" "));
    }
}
