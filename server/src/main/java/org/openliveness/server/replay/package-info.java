/** Replay fingerprints: the tenant's recent photos' hashes and measures, looked up by what can match, kept for the replay window. */
package org.openliveness.server.replay;
