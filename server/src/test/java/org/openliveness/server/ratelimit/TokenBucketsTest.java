package org.openliveness.server.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketsTest {

    @Test
    void aKeyHasItsCapacityThenWaitsForTheNextToken() {
        TokenBuckets buckets = new TokenBuckets(3, 60_000);
        assertThat(buckets.take("a", 0)).isZero();
        assertThat(buckets.take("a", 0)).isZero();
        assertThat(buckets.take("a", 0)).isZero();
        assertThat(buckets.take("a", 0)).as("one token comes back every 20 s").isEqualTo(20_000);
        assertThat(buckets.take("b", 0)).as("another key has its own bucket").isZero();
        assertThat(buckets.take("a", 20_000)).isZero();
    }

    @Test
    void keysUntouchedForAWholePeriodAreForgottenAndStartFullAgain() {
        TokenBuckets buckets = new TokenBuckets(2, 60_000);
        for (int i = 0; i < 1000; i++) {
            buckets.take("session-" + i, i);
        }
        buckets.take("session-999", 1000);
        buckets.take("session-999", 1000);
        assertThat(buckets.keys()).isEqualTo(1000);

        assertThat(buckets.take("late", 60_500)).isZero();
        assertThat(buckets.keys()).as("the keys last used at 0-500 ms are full again and forgotten")
                .isEqualTo(499 + 1);
        buckets.take("session-999", 60_500);
        assertThat(buckets.take("session-999", 60_500)).as("a key used within the period keeps its count: not two tokens yet")
                .isPositive();

        assertThat(buckets.take("later", 200_000)).isZero();
        assertThat(buckets.keys()).isEqualTo(1);
    }

    @Test
    void aZeroCapacitySwitchesTheLimitOffAndRemembersNothing() {
        TokenBuckets off = new TokenBuckets(0, 60_000);
        for (int i = 0; i < 100; i++) {
            assertThat(off.take("a", 0)).isZero();
        }
        assertThat(off.keys()).isZero();
    }
}
