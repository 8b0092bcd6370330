/** Test fixture for {@code ArchitectureTest}: the other half of the {@code cyclea} ↔ {@code cycleb} cycle. */
package org.openliveness.engine.cycleb;
