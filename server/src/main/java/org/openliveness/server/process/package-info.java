/**
 * Seed 004 (Unico IDCloud style): {@code POST /processes/v1} creates a process for a subject with
 * the capabilities asked for (liveness, identity) and answers synchronously with the final status
 * ({@code 3} done, {@code 5} error), {@code liveness} ({@code 1} live, {@code 2} not) and the
 * identity result ({@code unicoId.result}). Liveness is the verdict of a finished capture session;
 * identity is the judge's face-match rule between a selfie and the subject's trusted image from the
 * {@link org.openliveness.server.enrolment.UserDetailsProvider}. Authenticated by an OAuth2 access
 * token whose scopes are the capabilities. Switched off by {@code openliveness.profiles.process.enabled=false}.
 */
package org.openliveness.server.process;
