package de.participation.command.writing;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The commands of one meeting waiting to be decided, in arrival order, bounded. At most one writer
 * drains a queue at a time; it exists while the queue has work and retires the queue when it ends
 * (an idle meeting holds neither a thread nor a queue).
 */
final class MeetingQueue {

    enum Offer { QUEUED, QUEUED_START_WRITER, FULL, RETIRED }

    private final ArrayDeque<PendingCommand> waiting = new ArrayDeque<>();
    private final int capacity;
    private boolean writerRunning;
    private boolean retired;

    MeetingQueue(int capacity) {
        this.capacity = capacity;
    }

    synchronized Offer offer(PendingCommand command) {
        if (retired) {
            return Offer.RETIRED;
        }
        if (waiting.size() >= capacity) {
            return Offer.FULL;
        }
        waiting.add(command);
        if (writerRunning) {
            return Offer.QUEUED;
        }
        writerRunning = true;
        return Offer.QUEUED_START_WRITER;
    }

    /** How many commands are waiting. */
    synchronized int depth() {
        return waiting.size();
    }

    /**
     * Up to {@code maxBatch} commands in arrival order, skipping those whose callers gave up; empty
     * when nothing is left, and then the queue is retired (a later offer gets {@link Offer#RETIRED}
     * and goes to a new queue).
     */
    synchronized List<PendingCommand> takeBatch(int maxBatch) {
        List<PendingCommand> batch = new ArrayList<>(Math.min(maxBatch, waiting.size()));
        while (batch.size() < maxBatch && !waiting.isEmpty()) {
            PendingCommand next = waiting.poll();
            if (!next.abandoned()) {
                batch.add(next);
            }
        }
        if (batch.isEmpty()) {
            writerRunning = false;
            retired = true;
        }
        return batch;
    }
}
