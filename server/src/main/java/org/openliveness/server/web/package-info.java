/** HTTP plumbing shared by every feature: RFC 9457 problem details, their codes, the OpenAPI description. */
package org.openliveness.server.web;
