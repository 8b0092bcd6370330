package org.openliveness.server.enrolment;

/**
 * Where a user's trusted face image comes from: the built-in enrolment store or an operator's
 * user-details service over REST (chosen by configuration). The API profiles that match a selfie
 * to "the user's" face ask this, never a store directly.
 */
public interface UserDetailsProvider {

    /**
     * The trusted image of {@code userId} in {@code tenantId}.
     *
     * @throws UserDetailsException.NotEnrolled the provider does not know the user
     * @throws UserDetailsException.DetailsMissing the user is known but has no usable trusted image
     * @throws UserDetailsException.Remote the provider could not be asked (timeout, refused, bad reply)
     */
    TrustedImage trustedImage(String tenantId, String userId);
}
