package de.participation.query.kafka;

import de.participation.events.MeetingEventEnvelope;
import de.participation.query.kafka.ParkingProjection.Projector;
import de.participation.query.observability.EventTraces;
import de.participation.query.projection.MeetingProjector.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Span;
import org.springframework.stereotype.Component;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the live projection's batches show to operators: {@code participation.projection.events},
 * the events applied to the read models by type (the event class's name, a bounded set), and, for
 * each event that carries the trace of the request that caused it, a span {@code project event} of
 * that trace from the start of its batch to the end of its batch's write.
 */
@Component
class ProjectionObservation {

    static final String EVENTS = "participation.projection.events";

    private final MeterRegistry registry;
    private final EventTraces traces;
    /** One counter per event class, found without building a meter id for every event. */
    private final Map<Class<?>, Counter> counters = new ConcurrentHashMap<>();

    ProjectionObservation(MeterRegistry registry, EventTraces traces) {
        this.registry = registry;
        this.traces = traces;
    }

    /** The projector, observed. */
    Projector observing(Projector projector) {
        return (events, asPublished) -> {
            List<Span> spans = events.stream()
                    .map(event -> traces.continueTrace(event.traceparent(), "project event", Span.Kind.CONSUMER)
                            .tag("event.type", typeOf(event)))
                    .toList();
            try {
                Outcome outcome = projector.apply(events, asPublished);
                Set<MeetingEventEnvelope> notApplied = notApplied(outcome);
                for (int i = 0; i < events.size(); i++) {
                    MeetingEventEnvelope event = events.get(i);
                    boolean applied = !notApplied.contains(event);
                    spans.get(i).tag("outcome", applied ? "applied" : "parked");
                    if (applied) {
                        counter(event).increment();
                    }
                }
                return outcome;
            } catch (RuntimeException failure) {
                spans.forEach(span -> span.error(failure));
                throw failure;
            } finally {
                spans.forEach(Span::end);
            }
        };
    }

    private Counter counter(MeetingEventEnvelope event) {
        return counters.computeIfAbsent(event.data().getClass(), type -> Counter.builder(EVENTS)
                .tag("type", typeOf(event)).description("Events applied to the read models by the live projection")
                .register(registry));
    }

    private static String typeOf(MeetingEventEnvelope event) {
        return event.data().getClass().getSimpleName();
    }

    /** Rejected and held events: the parking rule keeps them, they are not (yet) in the read models. */
    private static Set<MeetingEventEnvelope> notApplied(Outcome outcome) {
        Set<MeetingEventEnvelope> notApplied = Collections.newSetFromMap(new IdentityHashMap<>());
        outcome.rejected().forEach(rejected -> notApplied.add(rejected.envelope()));
        notApplied.addAll(outcome.held());
        return notApplied;
    }
}
