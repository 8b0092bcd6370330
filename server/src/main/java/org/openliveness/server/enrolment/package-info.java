/**
 * Users' trusted face images: the {@link org.openliveness.server.enrolment.UserDetailsProvider}
 * contract the API profiles match selfies against, the built-in enrolment store
 * ({@code /v1/users/{userId}/enrolment}, images encrypted like every photo, erased with the user)
 * and the external REST provider.
 */
package org.openliveness.server.enrolment;
