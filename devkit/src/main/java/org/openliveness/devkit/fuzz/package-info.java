/** Hostile uploads (malformed images, decompression bombs, wrong parts) and a client that sends them to a running service. */
package org.openliveness.devkit.fuzz;
