/** The native API (seed 003) over the session core: its routes, wire records and RFC 9457 problems. */
package org.openliveness.server.nativeapi;
