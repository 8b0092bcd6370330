package org.openliveness.server.nativeapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openliveness.engine.image.ImageException;
import org.openliveness.engine.verdict.ChallengeType;
import org.openliveness.engine.verdict.FailureReason;
import org.openliveness.engine.verdict.PhotoProblem;
import org.openliveness.server.session.SessionException;

/** Every refusal of the session core has a problem of its own in the native API, never a 500. */
class SessionProblemsTest {

    /** One instance of a permitted subclass, built with placeholder arguments. */
    private static SessionException instance(Constructor<?> c) throws Exception {
        Object[] args = new Object[c.getParameterCount()];
        Class<?>[] types = c.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            args[i] = types[i] == String.class ? "x"
                    : types[i] == Instant.class ? Instant.EPOCH
                    : types[i] == long.class ? 1000L
                    : types[i] == java.time.Duration.class ? java.time.Duration.ofSeconds(10)
                    : types[i] == ChallengeType.class ? ChallengeType.SMILE
                    : types[i] == ImageException.class ? new ImageException(ImageException.Code.CORRUPT, "damaged")
                    : types[i] == PhotoProblem.class ? new PhotoProblem(FailureReason.MULTIPLE_FACES, "2 faces")
                    : null;
        }
        c.setAccessible(true);
        return (SessionException) c.newInstance(args);
    }

    @Test
    void everySessionExceptionMapsToADistinctClientOrRetryProblem() throws Exception {
        Class<?>[] kinds = SessionException.class.getPermittedSubclasses();
        assertThat(kinds).hasSizeGreaterThanOrEqualTo(10);
        Set<String> codes = new HashSet<>();
        for (Class<?> kind : kinds) {
            for (Constructor<?> c : kind.getDeclaredConstructors()) {
                SessionProblems.Problem p = SessionProblems.of(instance(c));
                assertThat(p.status().value()).as(kind.getSimpleName()).isIn(400, 401, 404, 409, 410, 413, 415, 422, 429, 503);
                assertThat(p.code()).as(kind.getSimpleName()).matches("[A-Z][A-Z_]+");
                assertThat(p.detail()).as(kind.getSimpleName()).isNotBlank();
                codes.add(p.code());
            }
        }
        assertThat(codes).as("one code per refusal").hasSizeGreaterThanOrEqualTo(kinds.length + 1)
                .contains("SESSION_NOT_FOUND", "INVALID_SESSION_TOKEN", "SESSION_EXPIRED", "SESSION_COMPLETED",
                        "CHALLENGE_NOT_FOUND", "CHALLENGE_ALREADY_ANSWERED", "SESSION_BUSY", "SERVICE_UNAVAILABLE",
                        "INVALID_REQUEST", "CORRUPT_PHOTO", "MULTIPLE_FACES", "CHALLENGE_NOT_STARTED", "CHALLENGE_START_EXPIRED",
                        "BURST_REQUIRED", "RATE_LIMITED");
    }

    @Test
    void anUndecodablePhotoKeepsItsImageCode() throws Exception {
        Constructor<?> fromImage = SessionException.UnusablePhoto.class.getDeclaredConstructor(ImageException.class);
        fromImage.setAccessible(true);
        SessionProblems.Problem tooBig = SessionProblems.of((SessionException) fromImage.newInstance(
                new ImageException(ImageException.Code.TOO_MANY_PIXELS, "the photo has 80 megapixels; at most 50")));
        assertThat(tooBig.status().value()).isEqualTo(413);
        assertThat(tooBig.code()).isEqualTo("TOO_MANY_PIXELS");
        assertThat(tooBig.detail()).contains("80 megapixels");
    }
}
