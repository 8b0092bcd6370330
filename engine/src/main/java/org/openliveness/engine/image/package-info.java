/** Image input stage: sniffs, bounds, decodes and orients uploaded photos into {@link org.openliveness.engine.image.RgbImage}s. */
package org.openliveness.engine.image;
