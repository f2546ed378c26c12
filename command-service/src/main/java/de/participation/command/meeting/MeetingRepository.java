package de.participation.command.meeting;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.Objects;

/**
 * A caching repository that never decides on a stale meeting. With several command-service
 * instances, another instance may have appended events since this one cached the meeting. A
 * command that writes would then fail on the store's unique (meeting, sequence) key and be
 * retried, but one that writes nothing (a retried registration, a cancel of a registration made
 * elsewhere) would answer from stale state. So every load compares the cached version with the
 * store's last sequence number (one indexed query) and reloads when they differ.
 */
class MeetingRepository extends CachingEventSourcingRepository<Meeting> {

    private final EventStore eventStore;
    private final Cache cache;

    MeetingRepository(EventSourcingRepository.Builder<Meeting> builder, EventStore eventStore, Cache cache) {
        super(builder);
        this.eventStore = eventStore;
        this.cache = cache;
    }

    @Override
    protected EventSourcedAggregate<Meeting> doLoadWithLock(String meetingId, Long expectedVersion) {
        EventSourcedAggregate<Meeting> meeting = super.doLoadWithLock(meetingId, expectedVersion);
        Long storedVersion = eventStore.lastSequenceNumberFor(meetingId).orElse(null);
        if (Objects.equals(meeting.version(), storedVersion)) {
            return meeting;
        }
        cache.remove(meetingId);
        return super.doLoadWithLock(meetingId, expectedVersion);
    }
}
