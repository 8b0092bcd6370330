/** The engine's entry point: {@link org.openliveness.engine.FaceEngine} runs the stage packages over a photo and returns {@link org.openliveness.engine.ImageAnalysis} / {@link org.openliveness.engine.FaceAnalysis}; stages never import this package. */
package org.openliveness.engine;
