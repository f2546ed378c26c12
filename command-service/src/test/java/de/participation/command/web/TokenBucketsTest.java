package de.participation.command.web;

import de.participation.command.support.MovableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    private final MovableClock clock = new MovableClock(Instant.parse("2030-05-20T08:00:00Z"));

    @Test
    void grantsCapacityAtOnceThenTellsHowLongToWait() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(3), clock);

        assertThat(buckets.take("erika")).isEmpty();
        assertThat(buckets.take("erika")).isEmpty();
        assertThat(buckets.take("erika")).isEmpty();
        assertThat(buckets.take("erika")).hasValueSatisfying(wait ->
                assertThat(wait).isEqualTo(Duration.ofMinutes(1)));
    }

    @Test
    void refillsEvenlyOverThePeriod() {
        TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(3), clock);
        for (int i = 0; i < 3; i++) {
            buckets.take("erika");
        }

        clock.advance(Duration.ofMinutes(1));

        assertThat(buckets.take("erika")).isEmpty();
        assertThat(buckets.take("erika")).isPresent();
    }

    @Test
    void keysAreCountedApart() {
        TokenBuckets buckets = new TokenBuckets(1, Duration.ofHours(1), clock);

        assertThat(buckets.take("erika")).isEmpty();
        assertThat(buckets.take("max")).isEmpty();
        assertThat(buckets.take("erika")).isPresent();
    }
}
