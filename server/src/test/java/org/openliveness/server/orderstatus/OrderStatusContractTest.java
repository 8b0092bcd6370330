package org.openliveness.server.orderstatus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openliveness.engine.FaceEngine;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.oauth.TestTokens;
import org.openliveness.server.session.TestPhotos;
import org.openliveness.server.testing.DatabaseKind;
import org.openliveness.server.testing.ProfileClient;
import org.openliveness.server.testing.ProfileClient.Reply;
import org.openliveness.server.testing.ProfileServer;

/**
 * Seed 002 over HTTP, on H2 and on PostgreSQL: {@code GET /api/v2/buy/{id}/identification/liveness}
 * with its fields and status values, and each error code of the seed with the seed's message and
 * solution.
 */
class OrderStatusContractTest {

    private static final AtomicLong ORDERS = new AtomicLong(System.currentTimeMillis());
    private static TestPhotos photos;

    private static synchronized TestPhotos photos(ProfileServer server) {
        if (photos == null) {
            photos = new TestPhotos(server.bean(FaceEngine.class));
        }
        return photos;
    }

    /** A tenant whose key has {@code liveness}, an order of user alice, her user token and an access token. */
    private record Order(ProfileClient client, String orderId, ProfileClient.Session session, String userToken, String accessToken) {
        Reply status(String... headers) throws Exception {
            return client.get(path(orderId), headers);
        }

        Reply byToken() throws Exception {
            return status("Authorization", "Bearer " + accessToken, "X-User-Token", userToken);
        }
    }

    private static String path(String orderId) {
        return "/api/v2/buy/" + orderId + "/identification/liveness";
    }

    private static Order order(DatabaseKind kind) throws Exception {
        ProfileClient client = new ProfileClient(ProfileServer.on(kind), Set.of(Scope.LIVENESS));
        String orderId = Long.toString(ORDERS.incrementAndGet());
        ProfileClient.Session session = client.createSession("alice", orderId, List.of("TURN_LEFT", "SMILE", "OPEN_MOUTH"));
        return new Order(client, orderId, session, client.userToken("alice"), client.accessToken(null));
    }

    private static void assertError(Reply r, String code, int status) {
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(status);
        OrderError e = OrderError.valueOf(code);
        JsonNode error = r.json().path("errors").path(code);
        assertThat(r.json().path("errors").size()).as(r.json().toString()).isEqualTo(1);
        assertThat(error.path("code").asText()).isEqualTo(code);
        assertThat(error.path("message").asText()).isEqualTo(e.message());
        assertThat(error.path("solution").asText()).isEqualTo(e.solution());
    }

    // --- the reply -----------------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aNewOrderIsPendingWithACaptureTokenTheCaptureCallsAccept(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        Reply r = o.byToken();
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        assertThat(r.json().path("name").asText()).isEqualTo("liveness");
        assertThat(r.json().path("type").asText()).isEqualTo("active");
        assertThat(r.json().path("status").asText()).isEqualTo("PENDING");
        String captureToken = r.json().path("data").path("accessToken").asText();
        assertThat(captureToken).startsWith("ses_").isNotEqualTo(o.session().token());

        Reply reference = o.client().reference(captureToken, photos(o.client().server).frontal());
        assertThat(reference.status()).as(String.valueOf(reference.json())).isEqualTo(200);
        Reply after = o.byToken();
        assertThat(after.json().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(after.json().path("data").path("accessToken").asText()).startsWith("ses_").isNotEqualTo(captureToken);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void aLiveOrderIsApprovedAndCarriesNoTokenAnyMore(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        TestPhotos p = photos(o.client().server);
        String token = o.byToken().json().path("data").path("accessToken").asText();
        assertThat(o.client().reference(token, p.frontal()).status()).isEqualTo(200);
        Reply last = null;
        for (String type : List.of("SMILE", "OPEN_MOUTH", "TURN_LEFT")) {
            last = o.client().answer(token, o.session().challengeIds().get(type), p.performing(type));
            assertThat(last.status()).as(String.valueOf(last.json())).isEqualTo(200);
        }
        assertThat(last.json().path("result").path("isAlive").asBoolean()).as(last.json().toString()).isTrue();
        Reply r = o.byToken();
        assertThat(r.json().path("status").asText()).isEqualTo("APPROVED");
        assertThat(r.json().path("data").has("accessToken")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anOrderWhoseChallengeFailedIsRejected(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        TestPhotos p = photos(o.client().server);
        String token = o.byToken().json().path("data").path("accessToken").asText();
        for (int attempt = 0; attempt < 3; attempt++) {
            o.client().answer(token, o.session().challengeIds().get("SMILE"), p.performing("TURN_LEFT"));
        }
        Reply r = o.byToken();
        assertThat(r.json().path("status").asText()).as(r.json().toString()).isEqualTo("REJECTED");
        assertThat(r.json().path("data").has("accessToken")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void anApiKeyAuthenticatesInsteadOfAnAccessToken(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        Reply r = o.status(ApiKeys.HEADER, o.client().key, "X-User-Token", o.userToken());
        assertThat(r.status()).as(String.valueOf(r.json())).isEqualTo(200);
        assertThat(r.json().path("status").asText()).isEqualTo("PENDING");
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void theNewestSessionOfAnOrderAnswers(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        TestPhotos p = photos(o.client().server);
        for (int attempt = 0; attempt < 3; attempt++) {
            o.client().answer(o.session().token(), o.session().challengeIds().get("SMILE"), p.performing("TURN_LEFT"));
        }
        assertThat(o.byToken().json().path("status").asText()).isEqualTo("REJECTED");
        o.client().createSession("alice", o.orderId(), List.of("TURN_RIGHT", "BLINK"));
        assertThat(o.byToken().json().path("status").asText()).as("a retry of the order").isEqualTo("PENDING");
    }

    // --- every error code ----------------------------------------------------------------------

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er033MissingOrderId(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        for (String path : List.of("/api/v2/buy/%20/identification/liveness", "/api/v2/buy/identification/liveness")) {
            assertError(o.client().get(path, "Authorization", "Bearer " + o.accessToken(), "X-User-Token", o.userToken()), "ER033", 400);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er034OrderIdNotANumber(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        for (String id : List.of("abc", "12a", "-5", "1.5")) {
            assertError(o.client().get(path(id), "Authorization", "Bearer " + o.accessToken(), "X-User-Token", o.userToken()), "ER034", 400);
        }
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er035UnknownOrder(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        assertError(o.client().get(path("1" + o.orderId()), "Authorization", "Bearer " + o.accessToken(), "X-User-Token", o.userToken()),
                "ER035", 404);
        ProfileClient otherTenant = new ProfileClient(o.client().server, Set.of(Scope.LIVENESS));
        assertError(otherTenant.get(path(o.orderId()), "Authorization", "Bearer " + otherTenant.accessToken(null),
                "X-User-Token", otherTenant.userToken("alice")), "ER035", 404);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er150OrderOfAnotherUser(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        assertError(o.status("Authorization", "Bearer " + o.accessToken(), "X-User-Token", o.client().userToken("bob")), "ER150", 403);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er700NoUserToken(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        assertError(o.status("Authorization", "Bearer " + o.accessToken()), "ER700", 401);
        assertError(o.status("Authorization", "Bearer " + o.accessToken(), "X-User-Token", " "), "ER700", 401);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er702InvalidUserToken(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        assertError(o.status("Authorization", "Bearer " + o.accessToken(), "X-User-Token", "not-a-token"), "ER702", 401);
        assertError(o.status("Authorization", "Bearer " + o.accessToken(), "X-User-Token", o.accessToken()), "ER702", 401);
        ProfileClient otherTenant = new ProfileClient(o.client().server, Set.of(Scope.LIVENESS));
        assertError(o.status("Authorization", "Bearer " + o.accessToken(), "X-User-Token", otherTenant.userToken("alice")), "ER702", 401);
        String expired = TestTokens.userToken(ProfileServer.SIGNING_KEY, TestTokens.claims(TestTokens.ISSUER, TestTokens.AUDIENCE,
                "alice", o.client().clientId, Instant.now().minusSeconds(3600), 600));
        assertError(o.status("Authorization", "Bearer " + o.accessToken(), "X-User-Token", expired), "ER702", 401);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er800InvalidAuthorizationToken(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        Reply forged = o.status("Authorization", "Bearer " + o.accessToken().substring(0, o.accessToken().length() - 2) + "xx",
                "X-User-Token", o.userToken());
        assertError(forged, "ER800", 401);
        assertThat(forged.header("WWW-Authenticate")).startsWith("Bearer");
        assertError(o.status("Authorization", "Basic dXNlcjpwYXNz", "X-User-Token", o.userToken()), "ER800", 401);
        assertError(o.status("Authorization", "Bearer " + o.userToken(), "X-User-Token", o.userToken()), "ER800", 401);

        ProfileClient identityOnly = new ProfileClient(o.client().server, Set.of(Scope.IDENTITY));
        Reply noScope = o.status("Authorization", "Bearer " + identityOnly.accessToken(null), "X-User-Token", o.userToken());
        assertError(noScope, "ER800", 403);

        assertThat(o.client().server.bean(ApiKeys.class).revoke(o.client().clientId)).isEqualTo(ApiKeys.Revocation.REVOKED);
        assertError(o.byToken(), "ER800", 401);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er801ExpiredAuthorizationToken(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        String expired = TestTokens.accessToken(ProfileServer.SIGNING_KEY, TestTokens.claims(TestTokens.ISSUER, TestTokens.AUDIENCE,
                o.client().clientId, o.client().clientId, Instant.now().minusSeconds(3600), 600), "liveness");
        assertError(o.status("Authorization", "Bearer " + expired, "X-User-Token", o.userToken()), "ER801", 401);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er802NoAuthorizationToken(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        assertError(o.status("X-User-Token", o.userToken()), "ER802", 401);
        assertError(o.status("Authorization", "Bearer ", "X-User-Token", o.userToken()), "ER802", 401);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er803BothAnAccessTokenAndAnApiKey(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        assertError(o.status("Authorization", "Bearer " + o.accessToken(), ApiKeys.HEADER, o.client().key,
                "X-User-Token", o.userToken()), "ER803", 400);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er805InvalidApiKey(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        assertError(o.status(ApiKeys.HEADER, "olk_" + "A".repeat(43), "X-User-Token", o.userToken()), "ER805", 401);
        ApiKeys.NewKey auditOnly = o.client().anotherKey(Set.of(Scope.AUDIT));
        assertError(o.status(ApiKeys.HEADER, auditOnly.key(), "X-User-Token", o.userToken()), "ER805", 403);
    }

    @ParameterizedTest
    @EnumSource(DatabaseKind.class)
    void er806EmptyApiKey(DatabaseKind kind) throws Exception {
        Order o = order(kind);
        assertError(o.status(ApiKeys.HEADER, " ", "X-User-Token", o.userToken()), "ER806", 401);
    }

    /** ER999: what the advice answers for anything unexpected (no request can make the service fail on purpose). */
    @Test
    void er999GeneralError() {
        var reply = new OrderStatusErrors().unexpected(new IllegalStateException("boom"));
        assertThat(reply.getStatusCode().value()).isEqualTo(500);
        var error = reply.getBody().errors().get("ER999");
        assertThat(error.code()).isEqualTo("ER999");
        assertThat(error.message()).isEqualTo("A general error has occurred. Please contact our support team.");
        assertThat(error.solution()).isEqualTo("Contact our support team.");
    }

    @Test
    void theSeedsMessagesAndSolutionsAreServedWordForWord() {
        assertThat(OrderError.values()).extracting(Enum::name).containsExactly("ER033", "ER034", "ER035", "ER150", "ER700", "ER702",
                "ER800", "ER801", "ER802", "ER803", "ER805", "ER806", "ER999");
        assertThat(OrderError.ER150.message()).isEqualTo("Provided orderId does not belong to authenticated user.");
        assertThat(OrderError.ER034.solution()).isEqualTo("Order id parameter can only be a number.");
    }
}
