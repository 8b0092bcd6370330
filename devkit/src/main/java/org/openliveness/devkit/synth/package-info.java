/** Synthetic test photos: a real face re-rendered turned or with another expression, and a photo shown as a moved flat print. */
package org.openliveness.devkit.synth;
