/** Erasure: one call deletes everything stored about a user of a tenant, leaving only an anonymous audit record. */
package org.openliveness.server.erasure;
