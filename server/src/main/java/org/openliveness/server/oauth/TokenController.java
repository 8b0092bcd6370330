package org.openliveness.server.oauth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The OAuth 2.0 token endpoint (client credentials grant, RFC 6749 §4.4) and the user-token
 * endpoint of the order-status profile. Client authentication by HTTP Basic (RFC 6749 §2.3.1:
 * {@code client_id} and {@code client_secret}, each form-URL-encoded) or by the form fields
 * {@code client_id} and {@code client_secret}, not both. Replies are never cached.
 */
@RestController
@Tag(name = TokenController.TAG)
@ConditionalOnExpression(OAuthConfiguration.IN_USE)
class TokenController {

    static final String TAG = "Access tokens (OAuth2)";
    static final String TOKEN_PATH = "/oauth2/token";
    static final String USER_TOKEN_PATH = "/oauth2/user-token";

    private final AccessTokens tokens;

    TokenController(AccessTokens tokens) {
        this.tokens = tokens;
    }

    /** The token endpoint's reply (RFC 6749 §5.1). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "OAuthTokenReply")
    record TokenReply(@JsonProperty("access_token") String accessToken, @JsonProperty("token_type") String tokenType,
                      @JsonProperty("expires_in") long expiresIn, String scope) {}

    /** The user-token endpoint's reply. */
    @Schema(name = "OAuthUserTokenReply")
    record UserTokenReply(@JsonProperty("user_token") String userToken, @JsonProperty("token_type") String tokenType,
                          @JsonProperty("expires_in") long expiresIn) {}

    /** The form of the token endpoint, for the OpenAPI document. */
    @Schema(name = "OAuthTokenForm")
    record TokenForm(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, allowableValues = "client_credentials")
                     @JsonProperty("grant_type") String grantType,
                     @Schema(description = "Space-separated subset of the client's scopes (liveness, identity, …); "
                             + "all of them when absent") String scope,
                     @Schema(description = "The API key's id, when not sent by HTTP Basic") @JsonProperty("client_id") String clientId,
                     @Schema(description = "The API key, when not sent by HTTP Basic") @JsonProperty("client_secret") String clientSecret) {}

    /** The form of the user-token endpoint, for the OpenAPI document. */
    @Schema(name = "OAuthUserTokenForm")
    record UserTokenForm(@Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "The end user, as the liveness "
                                 + "sessions name them (userId)") @JsonProperty("user_id") String userId,
                         @JsonProperty("client_id") String clientId, @JsonProperty("client_secret") String clientSecret) {}

    @Operation(summary = "Issue an access token (OAuth2 client credentials)", operationId = "issueAccessToken",
            description = "The client is an API key: `client_id` is its id (from `openliveness apikey list`), `client_secret` "
                    + "the key. Returns a signed JWT (HS256, `typ` `at+jwt`) valid for `openliveness.oauth.token-ttl` (at most "
                    + "1 h) whose scopes are capabilities: a subset of the key's. Accepted as `Authorization: Bearer` by the "
                    + "order-status and process profiles; refused from the moment the key is revoked. Errors as RFC 6749 §5.2.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                    schema = @Schema(implementation = TokenForm.class))))
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Issued")
    @ApiResponse(responseCode = "400", description = "invalid_request, unsupported_grant_type or invalid_scope",
            content = @Content(schema = @Schema(implementation = OAuthError.Body.class)))
    @ApiResponse(responseCode = "401", description = "invalid_client", content = @Content(schema = @Schema(implementation = OAuthError.Body.class)))
    @PostMapping(path = TOKEN_PATH)
    ResponseEntity<TokenReply> token(@Parameter(hidden = true) HttpServletRequest request) {
        Map<String, String[]> form = form(request);
        String grantType = single(form, "grant_type");
        if (grantType == null) {
            throw new OAuthError(OAuthError.INVALID_REQUEST, "grant_type is required");
        }
        if (!"client_credentials".equals(grantType)) {
            throw new OAuthError(OAuthError.UNSUPPORTED_GRANT_TYPE, "only the client_credentials grant is supported");
        }
        AccessTokens.Client client = client(request, form);
        AccessTokens.Issued issued;
        try {
            issued = tokens.issue(client, single(form, "scope"));
        } catch (AccessTokens.InvalidScope e) {
            throw new OAuthError(OAuthError.INVALID_SCOPE, e.getMessage());
        }
        return noStore(new TokenReply(issued.token(), "Bearer", issued.expiresIn().toSeconds(),
                String.join(" ", issued.scopes().stream().sorted().map(s -> s.value()).toList())));
    }

    @Operation(summary = "Issue a user token for one of the tenant's end users", operationId = "issueUserToken",
            description = "For the order-status profile, whose calls identify the end user as well as the integrator. The "
                    + "tenant's backend (an OAuth client, authenticated as for the token endpoint) asks for a token for its "
                    + "logged-in user and hands it to that user's app, which sends it as `X-User-Token`. Signed JWT (HS256, "
                    + "`typ` `user+jwt`), valid as long as access tokens, refused once the client is revoked.",
            requestBody = @RequestBody(required = true, content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
                    schema = @Schema(implementation = UserTokenForm.class))))
    @SecurityRequirements
    @ApiResponse(responseCode = "200", description = "Issued")
    @ApiResponse(responseCode = "400", description = "invalid_request", content = @Content(schema = @Schema(implementation = OAuthError.Body.class)))
    @ApiResponse(responseCode = "401", description = "invalid_client", content = @Content(schema = @Schema(implementation = OAuthError.Body.class)))
    @PostMapping(path = USER_TOKEN_PATH)
    ResponseEntity<UserTokenReply> userToken(@Parameter(hidden = true) HttpServletRequest request) {
        Map<String, String[]> form = form(request);
        String userId = single(form, "user_id");
        if (userId == null || userId.isBlank() || userId.length() > 200) {
            throw new OAuthError(OAuthError.INVALID_REQUEST, "user_id is required (1 to 200 characters)");
        }
        AccessTokens.Issued issued = tokens.issueUserToken(client(request, form), userId);
        return noStore(new UserTokenReply(issued.token(), "User", issued.expiresIn().toSeconds()));
    }

    private static <T> ResponseEntity<T> noStore(T body) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).header(HttpHeaders.PRAGMA, "no-cache").body(body);
    }

    private static Map<String, String[]> form(HttpServletRequest request) {
        String type = request.getContentType();
        if (type == null || !MediaType.APPLICATION_FORM_URLENCODED.includes(MediaType.parseMediaType(type))) {
            throw new OAuthError(OAuthError.INVALID_REQUEST, "the body must be application/x-www-form-urlencoded");
        }
        return request.getParameterMap();
    }

    /** A parameter's one value; a parameter given twice is an invalid request (RFC 6749 §3.2). */
    private static String single(Map<String, String[]> form, String name) {
        String[] values = form.get(name);
        if (values == null || values.length == 0) {
            return null;
        }
        if (values.length > 1) {
            throw new OAuthError(OAuthError.INVALID_REQUEST, name + " is given more than once");
        }
        return values[0];
    }

    private AccessTokens.Client client(HttpServletRequest request, Map<String, String[]> form) {
        Optional<String[]> basic = basic(request.getHeader(HttpHeaders.AUTHORIZATION));
        String formId = single(form, "client_id");
        String formSecret = single(form, "client_secret");
        if (basic.isPresent() && (formId != null || formSecret != null)) {
            throw new OAuthError(OAuthError.INVALID_REQUEST, "send the client credentials either by HTTP Basic or in the form, not both");
        }
        String id = basic.map(b -> b[0]).orElse(formId);
        String secret = basic.map(b -> b[1]).orElse(formSecret);
        if (id == null || secret == null) {
            throw new OAuthError(OAuthError.INVALID_CLIENT, "client authentication is required (HTTP Basic, or client_id and "
                    + "client_secret)", basic.isPresent() || request.getHeader(HttpHeaders.AUTHORIZATION) == null);
        }
        return tokens.authenticateClient(id, secret)
                .orElseThrow(() -> new OAuthError(OAuthError.INVALID_CLIENT, "unknown client, wrong secret, or a revoked or "
                        + "expired key", basic.isPresent()));
    }

    /** {@code Basic base64(urlencode(id):urlencode(secret))} → {id, secret}; empty without a Basic header. */
    private static Optional<String[]> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new OAuthError(OAuthError.INVALID_CLIENT, "the Basic credentials are not base64", true);
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            throw new OAuthError(OAuthError.INVALID_CLIENT, "the Basic credentials have no ':'", true);
        }
        try {
            return Optional.of(new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            throw new OAuthError(OAuthError.INVALID_CLIENT, "the Basic credentials are not form-URL-encoded", true);
        }
    }
}
