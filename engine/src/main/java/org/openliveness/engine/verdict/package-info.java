/** The liveness verdict, plain Java: usable-face, challenge, identity, planarity and replay checks over a session's photos. */
package org.openliveness.engine.verdict;
