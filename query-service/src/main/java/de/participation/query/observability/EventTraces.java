package de.participation.query.observability;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Continues the trace an event carries (its W3C {@code traceparent}, set by the command service
 * for the request that caused it): the work this service does for the event becomes a span of
 * that trace. An event without one, or a service with tracing switched off
 * ({@code management.tracing.enabled=false}), gets a span that records nothing.
 */
@Component
public class EventTraces {

    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    EventTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    /** A started span named {@code name}, a child of {@code traceparent}; a no-op span without one. */
    public Span continueTrace(String traceparent, String name, Span.Kind kind) {
        if (traceparent == null) {
            return Span.NOOP;
        }
        return propagator.extract(Map.of(TRACEPARENT, traceparent), Map::get).name(name).kind(kind).start();
    }

    /** Puts the span in scope, so that log lines written meanwhile carry its traceId and spanId. */
    public Tracer.SpanInScope inScope(Span span) {
        return tracer.withSpan(span);
    }
}
