package org.openliveness.server.enrolment;

import java.util.Objects;

/**
 * Trusted images from the built-in enrolment store ({@code PUT /v1/users/{userId}/enrolment}). A
 * user without an enrolment is {@link UserDetailsException.NotEnrolled}; an enrolment always has
 * its image, so this provider never answers {@code DetailsMissing}.
 */
final class BuiltInUserDetails implements UserDetailsProvider {

    private final EnrolmentStore store;

    BuiltInUserDetails(EnrolmentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public TrustedImage trustedImage(String tenantId, String userId) {
        return store.image(tenantId, userId)
                .orElseThrow(() -> new UserDetailsException.NotEnrolled("the user has no trusted image in the enrolment store"));
    }
}
