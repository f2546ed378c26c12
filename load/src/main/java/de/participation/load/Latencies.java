package de.participation.load;

import java.util.Arrays;

/** Response times of one run, summarised as percentiles. */
final class Latencies {

    private final long[] nanos;
    private int count;

    Latencies(int capacity) {
        nanos = new long[capacity];
    }

    synchronized void record(long elapsedNanos) {
        nanos[count++] = elapsedNanos;
    }

    synchronized String summary() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return "p50 %s  p95 %s  p99 %s  max %s".formatted(millis(sorted, 0.50), millis(sorted, 0.95),
                millis(sorted, 0.99), millis(sorted, 1.0));
    }

    private static String millis(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return "-";
        }
        int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return "%.1f ms".formatted(sorted[Math.max(0, index)] / 1e6);
    }
}
