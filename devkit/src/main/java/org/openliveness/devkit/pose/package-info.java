/** Builds the canonical frontal face mesh that the engine's head pose is measured against ({@code engine/.../pose/canonical-face.txt}), with the {@code tools canonical-face} command. */
package org.openliveness.devkit.pose;
