/** Simulated presentation attacks (prints, screen replays) and camera-like variants of bona fide photos: made-up development data, not evidence about real attacks. */
package org.openliveness.devkit.attack;
