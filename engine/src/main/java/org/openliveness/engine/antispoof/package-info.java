/** Passive anti-spoof stage: the {@code antispoof} and {@code liveness} models' scores ({@link org.openliveness.engine.antispoof.AntiSpoofScores}), reported, never evidence. */
package org.openliveness.engine.antispoof;
