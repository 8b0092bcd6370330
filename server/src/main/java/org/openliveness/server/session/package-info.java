/** Liveness sessions: create, capture challenge photos and a reference selfie, judge, read results (the native API of seed 003). */
package org.openliveness.server.session;
