/**
 * Seed 002: {@code GET /api/v2/buy/{id}/identification/liveness}, where the order id is the
 * liveness session's {@code externalReference}: the session's status and, while it is open, a
 * short-lived capture token for it. Errors as {@code {"errors":{"ERxxx":{code,message,solution}}}}
 * with the seed's codes. Switched off by {@code openliveness.profiles.order-status.enabled=false}.
 */
package org.openliveness.server.orderstatus;
