/**
 * Signed webhooks: when a session of a tenant with a configured webhook reaches its verdict (or
 * expires), a JSON summary is POSTed to the tenant's URL, signed with HMAC-SHA256, after the verdict
 * has committed, with bounded retries and a delivery log ({@code webhook_delivery}). Off by default.
 */
package org.openliveness.server.webhook;
