package org.openliveness.server.orderstatus;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.regex.Pattern;
import org.openliveness.server.apikey.ApiKeys;
import org.openliveness.server.apikey.Caller;
import org.openliveness.server.apikey.Scope;
import org.openliveness.server.oauth.AccessToken;
import org.openliveness.server.oauth.AccessTokens;
import org.openliveness.server.oauth.TokenCheck;
import org.openliveness.server.oauth.UserToken;
import org.openliveness.server.session.LivenessSession;
import org.openliveness.server.session.LivenessSessions;
import org.openliveness.server.session.SessionException;
import org.openliveness.server.session.SessionStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seed 002: the liveness status of an order. The caller authenticates with exactly one of an
 * access token ({@code Authorization: Bearer}, from {@code POST /oauth2/token}) or an API key
 * ({@code X-API-Key}), either with the {@code liveness} scope, and names the end user with a user
 * token ({@code X-User-Token}, from {@code POST /oauth2/user-token}). The order id is the session's
 * {@code externalReference}; the newest session of the tenant with it answers.
 */
@RestController
@Tag(name = OrderStatusController.TAG)
@ConditionalOnProperty(name = OrderStatusController.ENABLED, havingValue = "true", matchIfMissing = true)
class OrderStatusController {

    static final String TAG = "Order liveness status (seed 002)";
    static final String ENABLED = "openliveness.profiles.order-status.enabled";
    static final String PATH = "/api/v2/buy/{id}/identification/liveness";
    static final String USER_TOKEN_HEADER = "X-User-Token";
    private static final Pattern ORDER_ID = Pattern.compile("[0-9]{1,200}");

    private final LivenessSessions sessions;
    private final AccessTokens tokens;
    private final ApiKeys apiKeys;
    private final OrderStatusProperties settings;

    OrderStatusController(LivenessSessions sessions, AccessTokens tokens, ApiKeys apiKeys, OrderStatusProperties settings) {
        this.sessions = sessions;
        this.tokens = tokens;
        this.apiKeys = apiKeys;
        this.settings = settings;
    }

    @Operation(summary = "Get the liveness check status for the order", operationId = "orderLivenessStatus",
            description = "The order id is the `externalReference` given when the liveness session was created (digits only). "
                    + "While the session is open, `data.accessToken` is a new short-lived capture token for it (what the capture "
                    + "component starts from). Authenticate with exactly one of `Authorization: Bearer <access token>` or "
                    + "`X-API-Key` (scope `liveness`), and send the end user's `X-User-Token`. Errors: "
                    + "`{\"errors\":{\"ERxxx\":{code,message,solution}}}`.",
            parameters = {
                @Parameter(name = USER_TOKEN_HEADER, in = ParameterIn.HEADER, required = true,
                        description = "The end user's token, from POST /oauth2/user-token", schema = @Schema(type = "string")),
                @Parameter(name = ApiKeys.HEADER, in = ParameterIn.HEADER, description = "An API key (instead of a Bearer token)",
                        schema = @Schema(type = "string"))})
    @SecurityRequirement(name = AccessTokens.OPENAPI_SCHEME)
    @ApiResponse(responseCode = "200", description = "The order's liveness status")
    @ApiResponse(responseCode = "400", description = "ER033, ER034, ER803",
            content = @Content(schema = @Schema(implementation = OrderStatusApi.Errors.class)))
    @ApiResponse(responseCode = "401", description = "ER700, ER702, ER800, ER801, ER802, ER805, ER806",
            content = @Content(schema = @Schema(implementation = OrderStatusApi.Errors.class)))
    @ApiResponse(responseCode = "403", description = "ER150; ER800/ER805 when the token or key lacks the scope `liveness`",
            content = @Content(schema = @Schema(implementation = OrderStatusApi.Errors.class)))
    @ApiResponse(responseCode = "404", description = "ER035", content = @Content(schema = @Schema(implementation = OrderStatusApi.Errors.class)))
    @ApiResponse(responseCode = "500", description = "ER999", content = @Content(schema = @Schema(implementation = OrderStatusApi.Errors.class)))
    @GetMapping(PATH)
    OrderStatusApi.Status status(@PathVariable("id") String id,
                                 @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                 @Parameter(hidden = true) @RequestHeader(name = ApiKeys.HEADER, required = false) String apiKey,
                                 @Parameter(hidden = true) @RequestHeader(name = USER_TOKEN_HEADER, required = false) String userToken) {
        String tenantId = authenticate(authorization, apiKey);
        UserToken user = user(userToken, tenantId);
        String orderId = id == null ? "" : id.strip();
        if (orderId.isEmpty()) {
            throw new OrderError.Refusal(OrderError.ER033);
        }
        if (!ORDER_ID.matcher(orderId).matches()) {
            throw new OrderError.Refusal(OrderError.ER034);
        }
        LivenessSession session = sessions.findByExternalReference(tenantId, orderId)
                .orElseThrow(() -> new OrderError.Refusal(OrderError.ER035));
        if (!session.userId().equals(user.userId())) {
            throw new OrderError.Refusal(OrderError.ER150);
        }
        return reply(session);
    }

    /** The same operation without an order id in the path: ER033. */
    @Operation(hidden = true)
    @GetMapping({"/api/v2/buy/identification/liveness", "/api/v2/buy//identification/liveness"})
    OrderStatusApi.Status withoutId(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                    @RequestHeader(name = ApiKeys.HEADER, required = false) String apiKey,
                                    @RequestHeader(name = USER_TOKEN_HEADER, required = false) String userToken) {
        return status("", authorization, apiKey, userToken);
    }

    private OrderStatusApi.Status reply(LivenessSession session) {
        String status;
        String token = null;
        if (session.status() == SessionStatus.IN_PROGRESS) {
            try {
                token = sessions.issueCaptureToken(session, settings.captureTokenTtl());
                status = session.challengesCompleted() == 0 && !session.hasReference() ? "PENDING" : "IN_PROGRESS";
            } catch (SessionException.Completed | SessionException.Expired over) {
                // It ended between the read and the token: read it again.
                return reply(sessions.get(session.tenantId(), session.id()));
            }
        } else if (session.status() == SessionStatus.EXPIRED) {
            status = "EXPIRED";
        } else {
            status = session.result().map(r -> r.alive()).orElse(false) ? "APPROVED" : "REJECTED";
        }
        return new OrderStatusApi.Status("liveness", "active", status, new OrderStatusApi.Data(token));
    }

    /** Exactly one of an access token and an API key, with the scope {@code liveness}: the caller's tenant. */
    private String authenticate(String authorization, String apiKey) {
        if (authorization != null && apiKey != null) {
            throw new OrderError.Refusal(OrderError.ER803);
        }
        if (apiKey != null) {
            if (apiKey.isBlank()) {
                throw new OrderError.Refusal(OrderError.ER806);
            }
            Caller caller = apiKeys.authenticate(apiKey.strip()).orElseThrow(() -> new OrderError.Refusal(OrderError.ER805));
            if (!caller.has(Scope.LIVENESS)) {
                throw new OrderError.Refusal(OrderError.ER805, HttpStatus.FORBIDDEN);
            }
            return caller.tenantId();
        }
        if (authorization == null) {
            throw new OrderError.Refusal(OrderError.ER802);
        }
        String bearer = AccessTokens.bearerToken(authorization).orElseThrow(() -> new OrderError.Refusal(OrderError.ER800));
        if (bearer.isEmpty()) {
            throw new OrderError.Refusal(OrderError.ER802);
        }
        TokenCheck<AccessToken> check = tokens.verify(bearer);
        if (check instanceof TokenCheck.Expired<AccessToken>) {
            throw new OrderError.Refusal(OrderError.ER801);
        }
        if (!(check instanceof TokenCheck.Valid<AccessToken> valid)) {
            throw new OrderError.Refusal(OrderError.ER800);
        }
        if (!valid.token().has(Scope.LIVENESS)) {
            throw new OrderError.Refusal(OrderError.ER800, HttpStatus.FORBIDDEN);
        }
        return valid.token().tenantId();
    }

    /** The end user of a valid user token of the caller's tenant. */
    private UserToken user(String userToken, String tenantId) {
        if (userToken == null || userToken.isBlank()) {
            throw new OrderError.Refusal(OrderError.ER700);
        }
        if (tokens.verifyUser(userToken.strip()) instanceof TokenCheck.Valid<UserToken> valid && valid.token().tenantId().equals(tenantId)) {
            return valid.token();
        }
        throw new OrderError.Refusal(OrderError.ER702);
    }
}
