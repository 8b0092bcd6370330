/** Expression stage: eye and mouth openness from the mesh ({@link org.openliveness.engine.expression.EyeOpenness}) and the smile probability of the {@code emotion} model. */
package org.openliveness.engine.expression;
