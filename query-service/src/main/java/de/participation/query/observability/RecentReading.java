package de.participation.query.observability;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * A reading that costs a database query, taken again only once it is older than its period: gauges
 * scraped by several Prometheus servers, or several gauges of one reading, cost one query per
 * period instead of one per gauge and scrape. A failed reading throws to the gauge, which shows
 * NaN, and is tried again at the next scrape.
 */
public final class RecentReading<T> {

    /**
     * Short enough that a scrape sees the state of the moment, long enough that the gauges of one
     * reading and the scrapes of several Prometheus servers share one query.
     */
    private static final Duration SCRAPE_PERIOD = Duration.ofSeconds(1);

    private final Supplier<T> read;
    private final long periodNanos;
    private T value;
    private long readAtNanos;

    private RecentReading(Supplier<T> read, Duration period) {
        this.read = read;
        this.periodNanos = period.toNanos();
    }

    /** A reading for gauges, taken again at most once a second. */
    public static <T> RecentReading<T> forScrapes(Supplier<T> read) {
        return new RecentReading<>(read, SCRAPE_PERIOD);
    }

    public synchronized T get() {
        if (value == null || System.nanoTime() - readAtNanos >= periodNanos) {
            value = read.get();
            readAtNanos = System.nanoTime();
        }
        return value;
    }
}
