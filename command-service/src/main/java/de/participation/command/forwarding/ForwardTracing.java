package de.participation.command.forwarding;

import de.participation.command.EventMetadata;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.eventhandling.DomainEventMessage;

import java.util.HashMap;
import java.util.Map;

/**
 * The span of one event's send to Kafka: a child of the request whose {@code traceparent} the event
 * carries in its stored metadata, so the forward joins that request's trace even though it runs
 * later, in another thread, maybe on another instance. An event without one (caused by a deadline,
 * or stored before tracing) is forwarded without a span.
 *
 * <p>A span of the tracer rather than an Observation: its parent is the stored context, not the
 * forwarder thread's, and its timer would measure send to acknowledgement, while the metric that
 * matters, {@code participation.forwarder.delay}, runs from the commit.
 */
final class ForwardTracing {

    private final Propagator propagator;

    ForwardTracing(Propagator propagator) {
        this.propagator = propagator;
    }

    Span startForward(DomainEventMessage<?> message) {
        if (!(message.getMetaData().get(EventMetadata.TRACEPARENT) instanceof String traceparent)) {
            return Span.NOOP;
        }
        return propagator.extract(Map.of(EventMetadata.TRACEPARENT, traceparent), Map::get)
                .name("forward " + message.getPayloadType().getSimpleName())
                .kind(Span.Kind.PRODUCER)
                .tag("messaging.system", "kafka")
                .start();
    }

    /**
     * What the event carries on Kafka: the forward span's trace context, so a consumer continues
     * the trace below it; the stored one where this instance records no span (tracing switched off).
     */
    String traceparentOf(Span forward, DomainEventMessage<?> message) {
        Map<String, String> headers = new HashMap<>();
        if (!forward.isNoop()) {
            propagator.inject(forward.context(), headers, Map::put);
        }
        return headers.getOrDefault(EventMetadata.TRACEPARENT,
                (String) message.getMetaData().get(EventMetadata.TRACEPARENT));
    }
}
