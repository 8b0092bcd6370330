package org.openliveness.server.enrolment;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.openliveness.server.audit.AuditLog;
import org.openliveness.server.erasure.PersonalData;
import org.openliveness.server.session.AnalysisSlots;
import org.openliveness.server.storage.PhotoStore;
import org.openliveness.server.storage.SealedData;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The enrolment store (always there, so its API works whichever provider serves trusted images)
 * and the one {@link UserDetailsProvider}: the store, or the REST provider when
 * {@code openliveness.user-details.provider} is {@code rest}.
 */
@Configuration(proxyBeanMethods = false)
class EnrolmentConfiguration {

    @Bean
    EnrolmentStore enrolmentStore(JdbcClient jdbc, PhotoStore photos, Clock clock) {
        return new EnrolmentStore(jdbc, photos, clock);
    }

    @Bean
    Enrolments enrolments(EnrolmentStore store, AnalysisSlots slots, AuditLog audit) {
        return new Enrolments(store, slots, audit);
    }

    @Bean
    UserDetailsProvider userDetailsProvider(UserDetailsProperties settings, EnrolmentStore store, ObjectMapper json) {
        return switch (settings.provider()) {
            case BUILT_IN -> new BuiltInUserDetails(store);
            case REST -> new RestUserDetails(settings.rest(), json);
        };
    }

    /** Trusted images, re-sealed by a key rotation. */
    @Bean
    SealedData sealedEnrolmentImages(JdbcClient jdbc, PhotoStore photos) {
        return new SealedEnrolmentImages(jdbc, photos);
    }

    /** Trusted images go with the user's photos in an erasure. */
    @Bean
    PersonalData enrolledImages(EnrolmentStore store) {
        return PersonalData.of("enrolments", PersonalData.ORDER_PHOTOS, store::eraseUser);
    }
}
