/** The OpenLiveness service: the Spring Boot application, its shared settings and helpers; each sub-package is one feature. */
package org.openliveness.server;
