package org.openliveness.server.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PreviewLimiterTest {

    @Test
    void theSixthPreviewWithinASecondIsRefusedUntilTheFirstLeavesTheWindow() {
        PreviewLimiter limiter = new PreviewLimiter();
        for (int i = 0; i < PreviewLimiter.PER_SECOND; i++) {
            limiter.acquire("s", 100L * i);
        }
        assertThatThrownBy(() -> limiter.acquire("s", 450)).isInstanceOf(SessionException.RateLimited.class);
        limiter.acquire("other", 450);
        limiter.acquire("s", 1000);
    }

    @Test
    void sessionsWithoutAPreviewInTheLastSecondAreForgotten() {
        PreviewLimiter limiter = new PreviewLimiter();
        for (int i = 0; i < 300; i++) {
            limiter.acquire("session-" + i, i);
        }
        assertThat(limiter.sessions()).isEqualTo(300);

        limiter.acquire("late", 1200);
        assertThat(limiter.sessions()).as("sessions last seen at 200 ms or before are out of the window")
                .isEqualTo(1 + 99);

        limiter.acquire("later", 10_000);
        assertThat(limiter.sessions()).isEqualTo(1);
    }
}
