package de.participation.command.persistence;

import org.axonframework.eventsourcing.Snapshotter;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Takes snapshots on a thread of its own, one at a time, and never drops a request. Axon's
 * snapshotter drops a request for an aggregate whose snapshot is still being taken, so under load
 * the events after the last snapshot could grow to twice the threshold and more. Here a request
 * waits until the snapshot before it is done; requests for an aggregate whose snapshot has not
 * started yet are one (it will see the latest events anyway).
 */
final class QueuedSnapshotter implements Snapshotter {

    private final Snapshotter taker;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("meeting-snapshotter").daemon().factory());
    private final Set<String> waiting = ConcurrentHashMap.newKeySet();

    /** @param taker takes a snapshot in the calling thread */
    QueuedSnapshotter(Snapshotter taker) {
        this.taker = taker;
    }

    @Override
    public void scheduleSnapshot(Class<?> aggregateType, String aggregateIdentifier) {
        if (waiting.add(aggregateIdentifier)) {
            thread.execute(() -> {
                waiting.remove(aggregateIdentifier);
                taker.scheduleSnapshot(aggregateType, aggregateIdentifier);
            });
        }
    }
}
