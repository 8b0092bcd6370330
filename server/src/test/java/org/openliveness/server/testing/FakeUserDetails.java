package org.openliveness.server.testing;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.openliveness.server.enrolment.TrustedImage;
import org.openliveness.server.enrolment.UserDetailsException;
import org.openliveness.server.enrolment.UserDetailsProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A user-details provider for tests ({@code @Primary}, so it wins over the configured one): trusted
 * images put in {@link #enrol}; a user enrolled with {@link #MISSING} is "details missing", one
 * enrolled with {@link #REMOTE} makes the provider fail as an unreachable remote would. Not annotated,
 * so no component scan finds it: {@link ProfileServer} registers it as a source.
 */
public class FakeUserDetails {

    public static final byte[] MISSING = new byte[0];
    public static final byte[] REMOTE = new byte[] {0};
    private static final Map<String, byte[]> IMAGES = new ConcurrentHashMap<>();

    public static void enrol(String tenantId, String userId, byte[] image) {
        IMAGES.put(tenantId + "/" + userId, image);
    }

    @Bean
    @Primary
    UserDetailsProvider testUserDetailsProvider() {
        return (tenantId, userId) -> {
            byte[] image = IMAGES.get(tenantId + "/" + userId);
            if (image == null) {
                throw new UserDetailsException.NotEnrolled("not enrolled");
            }
            if (image == MISSING) {
                throw new UserDetailsException.DetailsMissing("no image");
            }
            if (image == REMOTE) {
                throw new UserDetailsException.Remote("unreachable", null);
            }
            return new TrustedImage(userId, image, null);
        };
    }
}
