package org.openliveness.server.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.tenant.Tenants;
import org.openliveness.server.testing.DatabaseTest;
import org.openliveness.server.testing.MutableClock;
import org.openliveness.server.testing.TestDatabase;

/** Access and user tokens: issued, used, expired (a clock moved on), forged, for others, of a revoked client. */
class AccessTokensTest {

    private static final Instant T0 = Instant.parse("2026-01-02T03:04:05Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private record Fixture(AccessTokens tokens, ApiKeys apiKeys, MutableClock clock, String signingKey) {
        AccessTokens.Client client(Set<Scope> scopes) {
            ApiKeys.NewKey key = apiKeys.issue("t-" + java.util.UUID.randomUUID(), scopes, Optional.empty());
            return tokens.authenticateClient(key.id(), key.key()).orElseThrow();
        }
    }

    private static Fixture fixture(TestDatabase db, OAuthProperties settings) {
        MutableClock clock = new MutableClock(T0);
        Tenants tenants = new Tenants(db.jdbc(), clock);
        ApiKeys apiKeys = new ApiKeys(db.jdbc(), tenants, clock, new SecureRandom());
        String signingKey = settings.signingKey() == null ? randomKey() : settings.signingKey();
        AccessTokens tokens = new AccessTokens(new Hs256Jwt(SigningKeyFile.decode(signingKey, "test"), JSON), JSON, apiKeys,
                tenants, settings, clock);
        return new Fixture(tokens, apiKeys, clock, signingKey);
    }

    private static OAuthProperties defaults() {
        return new OAuthProperties("openliveness", "openliveness-profiles", Duration.ofMinutes(10), null);
    }

    @DatabaseTest
    void anIssuedTokenIsAcceptedWithItsScopesTenantAndExpiry(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        AccessTokens.Client client = f.client(Set.of(Scope.LIVENESS, Scope.IDENTITY));
        AccessTokens.Issued issued = f.tokens().issue(client, null);
        assertThat(issued.scopes()).containsExactlyInAnyOrder(Scope.LIVENESS, Scope.IDENTITY);
        assertThat(issued.expiresIn()).isEqualTo(Duration.ofMinutes(10));
        TokenCheck<AccessToken> check = f.tokens().verify(issued.token());
        assertThat(check).isInstanceOf(TokenCheck.Valid.class);
        AccessToken token = ((TokenCheck.Valid<AccessToken>) check).token();
        assertThat(token.clientId()).isEqualTo(client.clientId());
        assertThat(token.tenantId()).isEqualTo(client.caller().tenantId());
        assertThat(token.scopes()).containsExactlyInAnyOrder(Scope.LIVENESS, Scope.IDENTITY);
        assertThat(token.expiresAt()).isEqualTo(T0.plus(Duration.ofMinutes(10)));
    }

    @DatabaseTest
    void aScopeParameterNarrowsTheTokenAndCannotWidenIt(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        AccessTokens.Client client = f.client(Set.of(Scope.LIVENESS, Scope.IDENTITY));
        String narrowed = f.tokens().issue(client, "identity").token();
        assertThat(((TokenCheck.Valid<AccessToken>) f.tokens().verify(narrowed)).token().scopes()).containsExactly(Scope.IDENTITY);

        AccessTokens.Client livenessOnly = f.client(Set.of(Scope.LIVENESS));
        assertThatThrownBy(() -> f.tokens().issue(livenessOnly, "liveness identity"))
                .isInstanceOf(AccessTokens.InvalidScope.class).hasMessageContaining("identity");
        assertThatThrownBy(() -> f.tokens().issue(livenessOnly, "everything")).isInstanceOf(AccessTokens.InvalidScope.class);
    }

    @DatabaseTest
    void aTokenExpiresAtItsExpiryAndNotBefore(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        String token = f.tokens().issue(f.client(Set.of(Scope.LIVENESS)), null).token();
        f.clock().advance(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(f.tokens().verify(token)).isInstanceOf(TokenCheck.Valid.class);
        f.clock().advance(Duration.ofSeconds(1));
        assertThat(f.tokens().verify(token)).isInstanceOf(TokenCheck.Expired.class);
    }

    @DatabaseTest
    void aTokenSignedWithAnotherKeyIsInvalidNotExpired(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        AccessTokens.Client client = f.client(Set.of(Scope.LIVENESS));
        String forged = TestTokens.accessToken(randomKey(),
                TestTokens.claims("openliveness", "openliveness-profiles", client.clientId(), client.clientId(), T0, 600), "liveness");
        assertThat(f.tokens().verify(forged)).isInstanceOf(TokenCheck.Invalid.class);
        String forgedAndOld = TestTokens.accessToken(randomKey(),
                TestTokens.claims("openliveness", "openliveness-profiles", client.clientId(), client.clientId(), T0.minusSeconds(7200), 600),
                "liveness");
        assertThat(f.tokens().verify(forgedAndOld)).as("a forgery is invalid whatever its exp").isInstanceOf(TokenCheck.Invalid.class);

        String genuine = f.tokens().issue(client, null).token();
        String[] parts = genuine.split("\\.");
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8).replace("\"liveness\"", "\"admin\"")
                        .getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertThat(f.tokens().verify(tampered)).isInstanceOf(TokenCheck.Invalid.class);
    }

    @DatabaseTest
    void theAlgorithmNoneAndMalformedTokensAreRefused(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        AccessTokens.Client client = f.client(Set.of(Scope.LIVENESS));
        String[] parts = f.tokens().issue(client, null).token().split("\\.");
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\",\"typ\":\"at+jwt\"}".getBytes(StandardCharsets.UTF_8));
        assertThat(f.tokens().verify(none + "." + parts[1] + ".")).isInstanceOf(TokenCheck.Invalid.class);
        for (String malformed : new String[] {"", "a.b", "a.b.c", "...", "x".repeat(5000)}) {
            assertThat(f.tokens().verify(malformed)).as(malformed).isInstanceOf(TokenCheck.Invalid.class);
        }
    }

    @DatabaseTest
    void aTokenForAnotherAudienceOrFromAnotherIssuerIsInvalid(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        AccessTokens.Client client = f.client(Set.of(Scope.LIVENESS));
        String otherAudience = TestTokens.accessToken(f.signingKey(),
                TestTokens.claims("openliveness", "someone-else", client.clientId(), client.clientId(), T0, 600), "liveness");
        String otherIssuer = TestTokens.accessToken(f.signingKey(),
                TestTokens.claims("https://idp.example", "openliveness-profiles", client.clientId(), client.clientId(), T0, 600), "liveness");
        String right = TestTokens.accessToken(f.signingKey(),
                TestTokens.claims("openliveness", "openliveness-profiles", client.clientId(), client.clientId(), T0, 600), "liveness");
        assertThat(f.tokens().verify(otherAudience)).isInstanceOf(TokenCheck.Invalid.class);
        assertThat(f.tokens().verify(otherIssuer)).isInstanceOf(TokenCheck.Invalid.class);
        assertThat(f.tokens().verify(right)).as("the same claims with ours").isInstanceOf(TokenCheck.Valid.class);
    }

    @DatabaseTest
    void revokingTheClientRevokesItsTokensOnTheirNextUse(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        AccessTokens.Client client = f.client(Set.of(Scope.LIVENESS));
        String token = f.tokens().issue(client, null).token();
        String user = f.tokens().issueUserToken(client, "alice").token();
        assertThat(f.tokens().verify(token)).isInstanceOf(TokenCheck.Valid.class);
        assertThat(f.tokens().verifyUser(user)).isInstanceOf(TokenCheck.Valid.class);
        assertThat(f.apiKeys().revoke(client.clientId())).isEqualTo(ApiKeys.Revocation.REVOKED);
        assertThat(f.tokens().verify(token)).isInstanceOf(TokenCheck.Invalid.class);
        assertThat(f.tokens().verifyUser(user)).isInstanceOf(TokenCheck.Invalid.class);
        assertThat(f.tokens().authenticateClient(client.clientId(), "olk_whatever")).isEmpty();
    }

    @DatabaseTest
    void clientCredentialsMustBeTheKeysIdAndTheKey(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        ApiKeys.NewKey key = f.apiKeys().issue("t-creds", Set.of(Scope.LIVENESS), Optional.empty());
        ApiKeys.NewKey other = f.apiKeys().issue("t-creds", Set.of(Scope.LIVENESS), Optional.empty());
        assertThat(f.tokens().authenticateClient(key.id(), key.key())).isPresent();
        assertThat(f.tokens().authenticateClient(key.id(), other.key())).as("another key's secret").isEmpty();
        assertThat(f.tokens().authenticateClient("no-such-id", key.key())).isEmpty();
        assertThat(f.tokens().authenticateClient(key.id(), "")).isEmpty();
    }

    @DatabaseTest
    void userTokensAndAccessTokensDoNotPassForEachOther(TestDatabase db) {
        Fixture f = fixture(db, defaults());
        AccessTokens.Client client = f.client(Set.of(Scope.LIVENESS));
        String access = f.tokens().issue(client, null).token();
        String user = f.tokens().issueUserToken(client, "alice").token();
        assertThat(f.tokens().verify(user)).isInstanceOf(TokenCheck.Invalid.class);
        assertThat(f.tokens().verifyUser(access)).isInstanceOf(TokenCheck.Invalid.class);
        assertThat(((TokenCheck.Valid<UserToken>) f.tokens().verifyUser(user)).token().userId()).isEqualTo("alice");
        f.clock().advance(Duration.ofMinutes(10));
        assertThat(f.tokens().verifyUser(user)).isInstanceOf(TokenCheck.Expired.class);
    }

    @Test
    void theTokenLifetimeIsAtMostOneHour() {
        assertThat(new OAuthProperties("i", "a", Duration.ofHours(1), null).tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThatThrownBy(() -> new OAuthProperties("i", "a", Duration.ofMinutes(61), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 1h");
        assertThatThrownBy(() -> new OAuthProperties("i", "a", Duration.ZERO, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSigningKeyIsGeneratedOnceOwnerOnlyAndReadAgain(@TempDir Path dir) throws Exception {
        Path dataDir = dir.resolve("data");
        var first = SigningKeyFile.resolve(null, dataDir, true, new SecureRandom());
        var second = SigningKeyFile.resolve(null, dataDir, true, new SecureRandom());
        assertThat(second.getEncoded()).isEqualTo(first.getEncoded()).hasSize(32);
        Path file = dataDir.resolve(SigningKeyFile.FILE_NAME);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        }
        String configured = randomKey();
        assertThat(SigningKeyFile.resolve(configured, dataDir, false, new SecureRandom()).getEncoded())
                .isEqualTo(Base64.getDecoder().decode(configured));
        assertThatThrownBy(() -> SigningKeyFile.resolve("c2hvcnQ=", dataDir, true, new SecureRandom()))
                .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("c2hvcnQ=");
    }

    @Test
    void outsideDevModeTheSigningKeyMustBeConfiguredAndNoneIsGenerated(@TempDir Path dataDir) {
        assertThatThrownBy(() -> SigningKeyFile.resolve(null, dataDir, false, new SecureRandom()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openliveness.oauth.signing-key").hasMessageContaining("keys generate")
                .hasMessageContaining("--dev");
        assertThat(dataDir.resolve(SigningKeyFile.FILE_NAME)).as("nothing generated beside the data").doesNotExist();
        String configured = randomKey();
        assertThat(SigningKeyFile.resolve(configured, dataDir, false, new SecureRandom()).getEncoded())
                .isEqualTo(Base64.getDecoder().decode(configured));
    }
}
