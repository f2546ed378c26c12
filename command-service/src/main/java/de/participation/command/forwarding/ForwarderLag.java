package de.participation.command.forwarding;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code participation.forwarder.lag}: the events in the store after the forwarder's position, which
 * is the tracking token it commits once Kafka acknowledged a batch. Read from the database at each
 * scrape, so every instance reports the same number whichever one holds the forwarder's segment;
 * the count walks the primary key's index from that position on, so it costs as much as the lag is
 * long, nothing while Kafka keeps up. The token is Axon's gap-aware token in JSON ({"index": …});
 * before the forwarder's first batch there is none, and every event counts.
 */
final class ForwarderLag implements MeterBinder {

    private static final String LAG = """
            select count(*) from domainevententry
            where globalindex > coalesce((select (convert_from(token, 'UTF8')::jsonb ->> 'index')::bigint
                                          from tokenentry where processorname = ? and segment = 0), -1)""";

    private final JdbcTemplate jdbc;
    private final String processor;

    ForwarderLag(JdbcTemplate jdbc, String processor) {
        this.jdbc = jdbc;
        this.processor = processor;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("participation.forwarder.lag", this, ForwarderLag::eventsBehind)
                .description("Events stored but not yet acknowledged by Kafka")
                .register(registry);
    }

    long eventsBehind() {
        Long behind = jdbc.queryForObject(LAG, Long.class, processor);
        return behind == null ? 0 : behind;
    }
}
