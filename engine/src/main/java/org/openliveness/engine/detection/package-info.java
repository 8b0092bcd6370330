/** Face detection stage: BlazeFace on the whole photo, anchors decoded, weighted non-maximum suppression, into {@link org.openliveness.engine.detection.Detection}s. */
package org.openliveness.engine.detection;
