/** Tenants: the integrating applications that own every session, photo, key and audit record. */
package org.openliveness.server.tenant;
