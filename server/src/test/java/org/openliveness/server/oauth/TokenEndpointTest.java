package org.openliveness.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.testing.DatabaseKind;
import org.openliveness.server.testing.ProfileClient;
import org.openliveness.server.testing.ProfileClient.Reply;
import org.openliveness.server.testing.ProfileServer;

/** {@code POST /oauth2/token} and {@code /oauth2/user-token} over HTTP (RFC 6749 §4.4, §5.1, §5.2), on H2 and PostgreSQL. */
class TokenEndpointTest {

    private static String basic(String id, String secret) {
        String pair = URLEncoder.encode(id, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    private static void error(Reply r, int status, String error) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(status);
        assertThat(r.json().path("error").asText()).isEqualTo(error);
        assertThat(r.json().path("error_description").asText()).isNotBlank();
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void clientCredentialsByHttpBasicGiveABearerTokenThatIsNeverCached(DatabaseKind kind) throws Exception {
        ProfileClient c = new ProfileClient(ProfileServer.on(kind), Set.of(Scope.LIVENESS, Scope.IDENTITY));
        Reply r = c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"), "Authorization", basic(c.clientId, c.key));
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        assertThat(r.json().path("token_type").asText()).isEqualTo("Bearer");
        assertThat(r.json().path("expires_in").asLong()).isEqualTo(600);
        assertThat(r.json().path("scope").asText()).isEqualTo("liveness identity");
        assertThat(r.json().path("access_token").asText().split("\\.")).hasSize(3);
        assertThat(r.header("Cache-Control")).isEqualTo("no-store");
        assertThat(r.header("Pragma")).isEqualTo("no-cache");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void clientCredentialsInTheFormAndANarrowerScope(DatabaseKind kind) throws Exception {
        ProfileClient c = new ProfileClient(ProfileServer.on(kind), Set.of(Scope.LIVENESS, Scope.IDENTITY));
        Reply r = c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", c.clientId,
                "client_secret", c.key, "scope", "identity"));
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        assertThat(r.json().path("scope").asText()).isEqualTo("identity");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void wrongOrMissingClientCredentialsAreInvalidClient401(DatabaseKind kind) throws Exception {
        ProfileClient c = new ProfileClient(ProfileServer.on(kind), Set.of(Scope.LIVENESS));
        Reply wrong = c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"), "Authorization",
                basic(c.clientId, "olk_" + "B".repeat(43)));
        error(wrong, 401, "invalid_client");
        assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic");
        error(c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials")), 401, "invalid_client");
        error(c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", c.key, "client_secret", c.key)),
                401, "invalid_client");
        c.server.bean(org.openliveness.server.apikey.ApiKeys.class).revoke(c.clientId);
        error(c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials"), "Authorization", basic(c.clientId, c.key)),
                401, "invalid_client");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void grantTypeScopeAndRequestErrorsAre400(DatabaseKind kind) throws Exception {
        ProfileClient c = new ProfileClient(ProfileServer.on(kind), Set.of(Scope.LIVENESS));
        String auth = basic(c.clientId, c.key);
        error(c.postForm("/oauth2/token", Map.of(), "Authorization", auth), 400, "invalid_request");
        error(c.postForm("/oauth2/token", Map.of("grant_type", "password"), "Authorization", auth), 400, "unsupported_grant_type");
        error(c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "identity"), "Authorization", auth),
                400, "invalid_scope");
        error(c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials", "scope", "liveness nonsense"),
                "Authorization", auth), 400, "invalid_scope");
        error(c.postForm("/oauth2/token", Map.of("grant_type", "client_credentials", "client_id", c.clientId), "Authorization", auth),
                400, "invalid_request");
        Reply json = c.postJson("/oauth2/token", Map.of("grant_type", "client_credentials"), "Authorization", auth);
        error(json, 400, "invalid_request");
        Reply twice = c.send(c.request("/oauth2/token").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", auth)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&grant_type=client_credentials"))
                .build());
        error(twice, 400, "invalid_request");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aUserTokenNamesTheUserAndNeedsTheClient(DatabaseKind kind) throws Exception {
        ProfileClient c = new ProfileClient(ProfileServer.on(kind), Set.of(Scope.LIVENESS));
        Reply r = c.postForm("/oauth2/user-token", Map.of("user_id", "alice"), "Authorization", basic(c.clientId, c.key));
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        assertThat(r.json().path("token_type").asText()).isEqualTo("User");
        assertThat(r.json().path("expires_in").asLong()).isEqualTo(600);
        String token = r.json().path("user_token").asText();
        TokenCheck<UserToken> check = c.server.bean(AccessTokens.class).verifyUser(token);
        assertThat(((TokenCheck.Valid<UserToken>) check).token().userId()).isEqualTo("alice");
        error(c.postForm("/oauth2/user-token", Map.of("user_id", "alice")), 401, "invalid_client");
        error(c.postForm("/oauth2/user-token", Map.of(), "Authorization", basic(c.clientId, c.key)), 400, "invalid_request");
    }
}
