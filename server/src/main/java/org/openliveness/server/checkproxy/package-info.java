/**
 * The seed-001 profile (a liveness-check proxy): {@code /liveness/init}, {@code /liveness/verify} and
 * the audit endpoints at the seed's own paths, its {@code {status, responseObject{code, message}}}
 * errors; maps requests onto the session core, the single-image check and the user-details provider.
 */
package org.openliveness.server.checkproxy;
