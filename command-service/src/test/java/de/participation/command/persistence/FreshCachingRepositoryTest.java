package de.participation.command.persistence;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every exception rolls a command back, and Axon evicts the aggregates it loaded. A command refused
 * before it applied an event left its aggregate as stored, so the aggregate stays cached; one
 * rolled back after it applied an event does not.
 */
class FreshCachingRepositoryTest {

    record Opened(String id) {
    }

    record Counted(String id) {
    }

    static class Counter {

        @AggregateIdentifier
        private String id;
        private int count;

        Counter() {
        }

        @EventSourcingHandler
        void on(Opened event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Counted event) {
            count++;
        }
    }

    private final EventStore eventStore = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Cache cache = new BoundedMeetingCache(100);
    private final FreshCachingRepository<Counter> repository = new FreshCachingRepository<>(
            EventSourcingRepository.builder(Counter.class).eventStore(eventStore).cache(cache), eventStore, cache);

    @Test
    void aCommandRefusedBeforeItAppliedAnEventKeepsTheAggregateCached() {
        eventStore.publish(new GenericDomainEventMessage<>("Counter", "c", 0, new Opened("c")));
        inUnitOfWork().commit();
        assertThat(cache.containsKey("c")).isTrue();

        UnitOfWork<?> refused = inUnitOfWork();
        refused.rollback(new IllegalStateException("a rule is broken"));

        assertThat(cache.containsKey("c")).isTrue();
    }

    @Test
    void aCommandRolledBackAfterItAppliedAnEventEvictsTheAggregate() {
        eventStore.publish(new GenericDomainEventMessage<>("Counter", "c", 0, new Opened("c")));
        inUnitOfWork().commit();

        UnitOfWork<?> refused = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("count"));
        repository.load("c").execute(counter -> AggregateLifecycle.apply(new Counted("c")));
        refused.rollback(new IllegalStateException("a rule is broken after the event"));

        assertThat(cache.containsKey("c")).isFalse();
        UnitOfWork<?> reload = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("read"));
        int count = repository.load("c").invoke(counter -> counter.count);
        assertThat(count).isZero();
        reload.commit();
    }

    /** A unit of work that has loaded the counter. */
    private UnitOfWork<?> inUnitOfWork() {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(GenericCommandMessage.asCommandMessage("load"));
        repository.load("c");
        return unitOfWork;
    }
}
