package de.participation.command.persistence;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.command.meeting.MeetingAggregate;
import de.participation.kafka.MeetingEventJson;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotterFactoryBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How meetings are loaded and stored. A meeting with ten thousand registrations is not replayed
 * on every command: the instance stays in a cache between commands, and snapshots (after
 * {@code participation.meeting.snapshot-threshold} events, then spaced by a quarter of the history,
 * see {@link GrowingSnapshotTriggerDefinition}) bound what a cache miss replays.
 * Snapshots carry the aggregate's {@code @Revision}; one of another revision (written before the
 * aggregate's fields changed) is skipped by Axon's snapshot filter (wired into the event store by
 * {@code EventStoreConfiguration}) and the meeting rebuilt from its events instead of being misread.
 */
@Configuration(proxyBeanMethods = false)
class MeetingPersistenceConfiguration {

    private static final Class<?> MEETING = MeetingAggregate.type();

    /** Snapshots store the aggregate's fields; the aggregate has no getters and needs none. */
    @JsonAutoDetect(fieldVisibility = Visibility.ANY, getterVisibility = Visibility.NONE,
            isGetterVisibility = Visibility.NONE)
    private abstract static class FieldsOnly {
    }

    @Bean
    @Qualifier("snapshotSerializer")
    Serializer snapshotSerializer() {
        ObjectMapper mapper = MeetingEventJson.mapper().addMixIn(MEETING, FieldsOnly.class);
        return JacksonSerializer.builder().objectMapper(mapper).build();
    }

    /**
     * Takes a snapshot in the calling thread, which is the {@link QueuedSnapshotter}'s: taking one
     * reads up to a threshold's worth of events and needs its own connection, which the command
     * that triggered it must not wait for.
     */
    @Bean
    SpringAggregateSnapshotterFactoryBean snapshotter() {
        SpringAggregateSnapshotterFactoryBean snapshotter = new SpringAggregateSnapshotterFactoryBean();
        snapshotter.setExecutor(Runnable::run);
        return snapshotter;
    }

    @Bean
    Cache meetingCache(@Value("${participation.meeting.cache-size:1000}") long size) {
        return new BoundedMeetingCache(size);
    }

    @Bean
    SnapshotTriggerDefinition meetingSnapshotTrigger(
            Snapshotter snapshotter, @Value("${participation.meeting.snapshot-threshold:1000}") int threshold) {
        return new GrowingSnapshotTriggerDefinition(new QueuedSnapshotter(snapshotter), threshold);
    }

    @Bean
    EventSourcingRepository<?> meetingRepository(EventStore eventStore, Cache meetingCache,
                                                 SnapshotTriggerDefinition meetingSnapshotTrigger,
                                                 ParameterResolverFactory parameterResolverFactory,
                                                 HandlerDefinition handlerDefinition) {
        return repository(MEETING, eventStore, meetingCache, meetingSnapshotTrigger, parameterResolverFactory,
                handlerDefinition);
    }

    private static <T> EventSourcingRepository<T> repository(Class<T> type, EventStore eventStore, Cache cache,
                                                             SnapshotTriggerDefinition snapshotTrigger,
                                                             ParameterResolverFactory parameterResolverFactory,
                                                             HandlerDefinition handlerDefinition) {
        return new FreshCachingRepository<>(EventSourcingRepository.builder(type)
                .eventStore(eventStore)
                .cache(cache)
                .snapshotTriggerDefinition(snapshotTrigger)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition), eventStore, cache);
    }
}
