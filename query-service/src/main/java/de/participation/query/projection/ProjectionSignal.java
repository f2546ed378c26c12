package de.participation.query.projection;

import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Wakes readers that wait for a meeting to reach a sequence (read-your-writes) as soon as this
 * instance projected something, instead of letting them poll blindly. Readers still re-read at a
 * bounded interval, because another instance of the query service may be the one projecting.
 */
@Component
public class ProjectionSignal {

    private long generation;

    synchronized void projected() {
        generation++;
        notifyAll();
    }

    /** Waits until something is projected here or {@code atMost} passes, whichever is first. */
    public synchronized void awaitProjection(Duration atMost) throws InterruptedException {
        long seen = generation;
        long deadline = System.nanoTime() + atMost.toNanos();
        long remaining;
        while (generation == seen && (remaining = deadline - System.nanoTime()) > 0) {
            wait(Math.max(1, remaining / 1_000_000));
        }
    }
}
