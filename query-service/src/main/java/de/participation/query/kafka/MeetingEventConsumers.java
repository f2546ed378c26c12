package de.participation.query.kafka;

import de.participation.query.projection.KnownDocuments;
import de.participation.query.projection.ProjectionService;
import de.participation.query.projection.StoreIdentity;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

/**
 * The live projection of this instance: {@code participation.projection.consumers} consumers in the
 * group, among which Kafka divides the partitions, so that partitions are projected in parallel.
 * Each remembers the documents it wrote, within its own bound. They stop after the web server (a
 * lower phase stops later): a read under way that waits for its {@code minSequence} is still
 * answered from the projection while the server finishes its requests.
 */
@Component
class MeetingEventConsumers implements SmartLifecycle {

    private final List<MeetingEventConsumer> consumers;

    MeetingEventConsumers(ProjectionProperties settings, QueryKafkaProperties kafka, QueryKafkaClients clients,
                          ProjectionService projection, DeadLetters deadLetters, SkippedRecords skipped,
                          ParkingRequests requests, StoreIdentity store, Clock clock, ProjectionLag lag,
                          ProjectionObservation observation) {
        consumers = IntStream.range(0, settings.consumers()).mapToObj(number -> {
            KnownDocuments known = KnownDocuments.upTo(settings.rememberedBytes().toBytes());
            return new MeetingEventConsumer(number, kafka, clients, store, known,
                    new ParkedMeetings(projection, deadLetters, skipped, requests, clock, known, observation), lag);
        }).toList();
    }

    @Override
    public void start() {
        consumers.forEach(MeetingEventConsumer::start);
    }

    @Override
    public void stop() {
        consumers.forEach(MeetingEventConsumer::stop);
    }

    @Override
    public int getPhase() {
        return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 2048;
    }

    @Override
    public boolean isRunning() {
        return consumers.stream().anyMatch(MeetingEventConsumer::isRunning);
    }
}
