package de.participation.command.web;

import de.participation.command.EventMetadata;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.Map;

/**
 * The trace of the request being served (Boot's {@code http.server.requests} span), as the W3C
 * {@code traceparent} a command carries to its events and from there to Kafka. Nothing when tracing
 * is switched off.
 */
@Component
class RequestTrace {

    private final Tracer tracer;
    private final Propagator propagator;

    RequestTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
        this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
    }

    MetaData asMetaData() {
        TraceContext current = tracer.currentTraceContext().context();
        if (current == null) {
            return MetaData.emptyInstance();
        }
        Map<String, String> headers = new HashMap<>();
        propagator.inject(current, headers, Map::put);
        String traceparent = headers.get(EventMetadata.TRACEPARENT);
        return traceparent == null ? MetaData.emptyInstance() : MetaData.with(EventMetadata.TRACEPARENT, traceparent);
    }
}
