/** The capture client's side of the API: which web origins may call the capture endpoints (CORS), and the capture page's address. */
package org.openliveness.server.capture;
