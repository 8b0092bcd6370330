/** Passive presentation-attack stage: the bundled {@code fr_liveness} or an operator's own model, run as its {@link org.openliveness.engine.antispoof.PadModelDescriptor} says, into a {@link org.openliveness.engine.antispoof.LiveScore}; {@code human}'s chance-level models only on request, never evidence. */
package org.openliveness.engine.antispoof;
