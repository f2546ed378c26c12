package de.participation.command.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One token bucket per key: {@code capacity} requests at once, refilled evenly over {@code period}.
 * Only the most recently used keys are kept (a bot cycling through fresh keys must not exhaust
 * memory); a forgotten key starts with a full bucket, which errs on the side of the citizen.
 */
final class TokenBuckets {

    private static final int MAX_KEYS = 200_000;

    private final int capacity;
    private final double tokensPerNano;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
            return size() > MAX_KEYS;
        }
    };

    TokenBuckets(int capacity, Duration period, Clock clock) {
        this.capacity = capacity;
        this.tokensPerNano = capacity / (double) period.toNanos();
        this.clock = clock;
    }

    private static final class Bucket {
        double tokens;
        long updatedNanos;

        Bucket(double tokens, long updatedNanos) {
            this.tokens = tokens;
            this.updatedNanos = updatedNanos;
        }
    }

    /** Takes a token for {@code key}; empty if granted, otherwise how long until one is free. */
    synchronized Optional<Duration> take(String key) {
        long now = nanos();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(capacity, now));
        bucket.tokens = Math.min(capacity, bucket.tokens + (now - bucket.updatedNanos) * tokensPerNano);
        bucket.updatedNanos = now;
        if (bucket.tokens >= 1) {
            bucket.tokens -= 1;
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) Math.ceil((1 - bucket.tokens) / tokensPerNano)));
    }

    private long nanos() {
        Instant now = clock.instant();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }
}
