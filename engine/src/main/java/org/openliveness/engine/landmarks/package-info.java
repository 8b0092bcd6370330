/** Landmark stage: MediaPipe's 468-point face mesh fitted in a rotated square crop around each detection ({@link org.openliveness.engine.landmarks.MeshFit}). */
package org.openliveness.engine.landmarks;
