/** The append-only audit log: what happened, to which tenant and user, with which parameters. */
package org.openliveness.server.audit;
