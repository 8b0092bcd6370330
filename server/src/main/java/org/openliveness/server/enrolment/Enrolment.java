package org.openliveness.server.enrolment;

import java.time.Instant;
import java.util.Objects;

/**
 * What the enrolment store holds about a user's trusted image, without the image.
 *
 * @param userId     whose image it is
 * @param format     {@code JPEG} or {@code PNG}, by the image's magic bytes
 * @param sizeBytes  the encoded image's size in bytes
 * @param enrolledAt when this image was enrolled (server clock, milliseconds)
 */
public record Enrolment(String userId, String format, int sizeBytes, Instant enrolledAt) {

    public Enrolment {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(enrolledAt, "enrolledAt");
    }
}
