/** Head-pose stage: the Kabsch rotation of the mesh onto the bundled canonical frontal face, read as yaw, pitch and roll. */
package org.openliveness.engine.pose;
