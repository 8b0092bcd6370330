/** API keys: creation, lookup by hash, scopes, and the {@code X-API-Key} check that turns a request into a {@link org.openliveness.server.apikey.Caller}. */
package org.openliveness.server.apikey;
