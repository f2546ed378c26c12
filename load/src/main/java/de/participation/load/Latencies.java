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

    /** Records unless full (for streams whose length is not known in advance). */
    synchronized void recordIfRoom(long elapsedNanos) {
        if (count < nanos.length) {
            record(elapsedNanos);
        }
    }

    /** The latency in milliseconds below which {@code quantile} of the recorded ones lie (1.0: the maximum). */
    synchronized double millis(double quantile) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        int index = Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
