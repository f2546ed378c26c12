package de.participation.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * What a stack has started, stopped newest first. A part is added as soon as it exists, before it
 * is ready, so that a stop that comes while it starts (a signal, a failed neighbour) ends it too;
 * a part added once the stop has begun is stopped at once, and its starter told so. Safe to use
 * from the starting thread and a shutdown hook at the same time.
 */
public final class RunningParts implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RunningParts.class);

    /** Thrown to the starter of a part that came after the stop began. */
    public static final class Stopping extends IllegalStateException {
        Stopping() {
            super("the stack is stopping");
        }
    }

    private final Deque<AutoCloseable> parts = new ArrayDeque<>();
    private boolean stopping;

    /** Keeps {@code part} to be stopped later; stops it now if the stop has begun. */
    public <T extends AutoCloseable> T add(T part) {
        synchronized (this) {
            if (!stopping) {
                parts.push(part);
                return part;
            }
        }
        closeQuietly(part);
        throw new Stopping();
    }

    public synchronized boolean stopping() {
        return stopping;
    }

    /** Stops every part, newest first; once, however often it is called. */
    @Override
    public void close() {
        List<AutoCloseable> toStop;
        synchronized (this) {
            if (stopping) {
                return;
            }
            stopping = true;
            toStop = List.copyOf(parts);
            parts.clear();
        }
        toStop.forEach(RunningParts::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            log.warn("Could not stop {} cleanly: {}", part, e.toString());
        }
    }
}
