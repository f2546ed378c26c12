package de.participation.command.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One token bucket per key ({@code capacity} requests at once, refilled evenly over a period),
 * counted in PostgreSQL for all instances together, yet without a round trip per request: an
 * instance decides on what it last heard of a bucket and reports what it took in one statement for
 * all buckets ({@link #report()}, every few milliseconds). So that the instances together cannot
 * run far past a limit on stale knowledge, an instance takes at most one token of a bucket before it
 * has heard back; a second request for the same key meanwhile reports first and decides on the
 * answer (one round trip, for a key that is asked for twice within milliseconds).
 *
 * <p>The shared count can therefore go past a bucket by at most one token per instance at any time,
 * and goes below zero when it does: the refill then pays that debt first, so over any stretch of
 * time the limit is kept to within that one token per instance. An instance remembers only the most
 * recently used keys (a bot cycling through fresh keys must not exhaust memory); a forgotten key is
 * taken for full until the next report, which is the same one token.
 */
final class SharedTokenBuckets {

    private static final int MAX_KNOWN = 200_000;

    private final String name;
    private final int capacity;
    private final double perSecond;
    private final SharedBucketTable table;
    private final Clock clock;
    private final ReentrantLock reporting = new ReentrantLock();
    private final Map<String, Known> known = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Known> eldest) {
            return size() > MAX_KNOWN;
        }
    };
    /** Tokens taken here and not yet reported, per bucket. */
    private Map<String, Integer> unreported = new HashMap<>();
    /** Tokens being reported right now, per bucket. */
    private Map<String, Integer> inReport = Map.of();

    /** A bucket's tokens as the shared table last answered, and when. */
    private record Known(double tokens, Instant at) {
    }

    /**
     * @param name what the buckets count, which keeps them apart from other limits' in the table
     */
    SharedTokenBuckets(String name, int capacity, Duration period, SharedBucketTable table, Clock clock) {
        this.name = name;
        this.capacity = capacity;
        this.perSecond = capacity / (period.toNanos() / 1e9);
        this.table = table;
        this.clock = clock;
    }

    /**
     * Takes a token for {@code key}, a keyed hash of what is limited; empty if granted, otherwise
     * how long until one is free.
     */
    Optional<Duration> take(String key) {
        String bucket = name + ":" + key;
        while (true) {
            synchronized (this) {
                double tokens = tokens(bucket);
                if (tokens < 1) {
                    return Optional.of(Duration.ofNanos((long) Math.ceil((1 - tokens) / perSecond * 1e9)));
                }
                if (!unreported.containsKey(bucket) && !inReport.containsKey(bucket)) {
                    unreported.put(bucket, 1);
                    return Optional.empty();
                }
            }
            // Another request for the same key holds this instance's one unreported token: report it,
            // then decide again. Each round either grants this request, refuses it because the bucket is
            // empty, or lets another request of the key have its token, so the rounds end; refusing
            // here instead answered 429 to requests far within the limit that merely came at once.
            report();
        }
    }

    /** What this instance knows to be left in {@code bucket}, less what it took since. */
    private double tokens(String bucket) {
        Known last = known.get(bucket);
        double shared = last == null ? capacity
                : Math.min(capacity, last.tokens() + Duration.between(last.at(), clock.instant()).toNanos() / 1e9 * perSecond);
        return shared - unreported.getOrDefault(bucket, 0) - inReport.getOrDefault(bucket, 0);
    }

    /**
     * Takes what this instance took from the shared buckets, in one statement, and learns what is
     * left in them. One report at a time; what a failed report carried is reported with the next.
     */
    void report() {
        reporting.lock();
        try {
            Map<String, Integer> taken;
            synchronized (this) {
                if (unreported.isEmpty()) {
                    return;
                }
                taken = unreported;
                inReport = taken;
                unreported = new HashMap<>();
            }
            Map<String, Double> left;
            try {
                left = table.take(taken, capacity, perSecond);
            } catch (RuntimeException failed) {
                synchronized (this) {
                    taken.forEach((bucket, tokens) -> unreported.merge(bucket, tokens, Integer::sum));
                    inReport = Map.of();
                }
                throw failed;
            }
            Instant now = clock.instant();
            synchronized (this) {
                left.forEach((bucket, tokens) -> known.put(bucket, new Known(tokens, now)));
                inReport = Map.of();
            }
        } finally {
            reporting.unlock();
        }
    }
}
