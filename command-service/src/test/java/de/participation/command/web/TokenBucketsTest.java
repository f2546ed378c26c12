package de.participation.command.web;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

class TokenBucketsTest {

    private Instant now = Instant.parse("2030-05-20T08:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

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

        now = now.plus(Duration.ofMinutes(1));

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
