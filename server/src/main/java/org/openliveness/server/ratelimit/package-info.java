/** Rate limits: in-memory token buckets per client address, session and tenant, and their settings. */
package org.openliveness.server.ratelimit;
