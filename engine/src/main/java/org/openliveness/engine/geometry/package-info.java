/**
 * Pure 2-D/3-D geometry for face analysis: transforms, fits, head-pose angles, IoU and image warps into model tensors.
 */
package org.openliveness.engine.geometry;
