package de.participation.command.forwarding;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.locks.LockSupport;

/**
 * When the service stops, lets the forwarder put on Kafka what was stored until then, so that an
 * answered command is on the topic when the instance is gone, not only once an instance starts
 * again. Its phase comes after the web server and the meetings' writers have finished (nothing is
 * stored after it) and before Axon stops the processor, whose last batch commits only once Kafka
 * acknowledged it. It waits at most {@code timeout}, and not at all while Kafka is away (the
 * processor is then in its error state) or while another instance holds the forwarder's segment.
 */
final class ForwarderDrain implements SmartLifecycle {

    /** After the writers' phase (WritersShutdown), before Axon's (SmartLifecycle.DEFAULT_PHASE - 3072). */
    static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE - 1024 - 512;

    private static final Logger log = LoggerFactory.getLogger(ForwarderDrain.class);
    private static final Duration LOOK_EVERY = Duration.ofMillis(20);

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final Duration timeout;
    private volatile boolean running;

    ForwarderDrain(EventProcessingConfiguration processing, EventStore eventStore, Duration timeout) {
        this.processing = processing;
        this.eventStore = eventStore;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        TrackingEventProcessor forwarder = processing
                .eventProcessor(KafkaForwarder.PROCESSING_GROUP, TrackingEventProcessor.class).orElse(null);
        TrackingToken head = eventStore.createHeadToken();
        if (forwarder == null || head == null || head.position().isEmpty()) {
            return;
        }
        long stored = head.position().getAsLong();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!forwardedUpTo(forwarder.processingStatus().values(), stored)) {
            if (System.nanoTime() > deadline) {
                log.warn("The forwarder did not put every stored event on Kafka within {}; the rest follows "
                        + "when an instance starts again", timeout);
                return;
            }
            LockSupport.parkNanos(LOOK_EVERY.toNanos());
        }
    }

    /** True, too, when there is nothing this instance can wait for: no segment here, or Kafka away. */
    private static boolean forwardedUpTo(Collection<EventTrackerStatus> segments, long stored) {
        return segments.stream().allMatch(segment -> segment.isErrorState()
                || segment.getCurrentPosition().orElse(-1) >= stored);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
