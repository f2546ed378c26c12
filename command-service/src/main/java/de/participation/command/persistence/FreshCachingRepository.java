package de.participation.command.persistence;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;

/**
 * A caching repository that never decides on a stale aggregate. With several command-service
 * instances, another instance may have appended events since this one cached a meeting. A command
 * that writes would then fail on the store's unique (meeting, sequence) key and be retried, but one
 * that writes nothing (a retried registration, a cancel of a registration made elsewhere) would
 * answer from stale state. So every load compares the cached version with the store's last
 * sequence number (one indexed query) and reloads when they differ.
 */
class FreshCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final EventStore eventStore;
    private final Cache cache;

    FreshCachingRepository(EventSourcingRepository.Builder<T> builder, EventStore eventStore, Cache cache) {
        super(builder);
        this.eventStore = eventStore;
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateId, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateId, expectedVersion);
        Long storedVersion = eventStore.lastSequenceNumberFor(aggregateId).orElse(null);
        if (Objects.equals(aggregate.version(), storedVersion)) {
            return aggregate;
        }
        cache.remove(aggregateId);
        return super.doLoadWithLock(aggregateId, expectedVersion);
    }
}
