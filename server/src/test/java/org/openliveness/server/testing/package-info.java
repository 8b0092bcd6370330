/** Test support: {@code @DatabaseTest} (H2 and PostgreSQL), {@code @IntegrationTest} (full server), clocks. */
package org.openliveness.server.testing;
