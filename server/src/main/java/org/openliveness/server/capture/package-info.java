/** The capture client's side of the API: which web origins may call the capture endpoints (CORS). */
package org.openliveness.server.capture;
