/**
 * The identity-flow profile (seed 000, the SDK's {@code LivenessController}): flow sessions whose
 * liveness steps are liveness sessions of the core; its routes, wire records and errors.
 */
package org.openliveness.server.identityflow;
