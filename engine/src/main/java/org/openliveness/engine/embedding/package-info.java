/** Embedding stage: L2-normalised face descriptors ({@link org.openliveness.engine.embedding.Embedding}) from face-api's recognition net on a dlib-aligned chip, or from {@code faceres}. */
package org.openliveness.engine.embedding;
