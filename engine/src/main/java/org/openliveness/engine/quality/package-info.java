/** Quality stage: face size, brightness, contrast and sharpness of the face region ({@link org.openliveness.engine.quality.Quality}). */
package org.openliveness.engine.quality;
