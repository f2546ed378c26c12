package de.participation.query.stream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/** {@code participation.streams.open}: the capacity streams this instance holds open now. */
@Component
class OpenStreamsMetric implements MeterBinder {

    static final String OPEN = "participation.streams.open";

    private final CapacityStreams streams;

    OpenStreamsMetric(CapacityStreams streams) {
        this.streams = streams;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(OPEN, streams, CapacityStreams::openStreams)
                .description("Server-sent event streams of capacity open on this instance")
                .register(registry);
    }
}
