/**
 * OAuth 2.0 client credentials (RFC 6749 §4.4): {@code POST /oauth2/token} issues short-lived
 * HS256-signed JWT access tokens (RFC 9068 shape) whose scopes are capabilities, and
 * {@code POST /oauth2/user-token} issues the end-user tokens of the order-status profile. The
 * OAuth client is an API key: {@code client_id} is the key's id, {@code client_secret} the key, so
 * revoking the key revokes the client, and every use of a token checks that the key is still active.
 * The API profiles (order status, process) accept these tokens as {@code Authorization: Bearer}.
 */
package org.openliveness.server.oauth;
