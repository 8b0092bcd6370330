/** Test fixture for {@code ArchitectureTest}: imports {@code cycleb}, which imports it back, so the cycle rule has a cycle to report. */
package org.openliveness.engine.cyclea;
