package org.openliveness.server.enrolment;

import java.time.Instant;
import java.util.Objects;

/**
 * A user's trusted face image as the provider returned it (JPEG or PNG bytes, not yet decoded).
 *
 * @param userId whose image it is
 * @param image the encoded image; never logged
 * @param enrolledAt when it was enrolled, or {@code null} when the provider does not say
 */
public record TrustedImage(String userId, byte[] image, Instant enrolledAt) {

    public TrustedImage {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(image, "image");
    }

    @Override
    public String toString() {
        return "TrustedImage[userId=" + userId + ", " + image.length + " bytes]";
    }
}
