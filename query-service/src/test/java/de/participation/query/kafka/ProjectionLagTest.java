package de.participation.query.kafka;

import de.participation.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProjectionLagTest {

    private static final Instant NOW = Instant.parse("2030-05-20T08:00:00Z");
    private static final TopicPartition PARTITION = new TopicPartition(Topics.MEETING_EVENTS, 3);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ProjectionLag lag = new ProjectionLag(registry, Clock.fixed(NOW, ZoneOffset.UTC));
    private final MockConsumer<String, String> kafka = new MockConsumer<>(OffsetResetStrategy.EARLIEST);

    @BeforeEach
    void assignPartition() {
        kafka.assign(List.of(PARTITION));
        kafka.updateBeginningOffsets(Map.of(PARTITION, 0L));
    }

    @Test
    void aPartitionBehindShowsItsEventsNotYetProjectedAndTheAgeOfTheOldest() {
        kafka.updateEndOffsets(Map.of(PARTITION, 10L));
        for (int offset = 0; offset < 4; offset++) {
            kafka.addRecord(publishedAt(offset, NOW.minusSeconds(7 - offset)));
        }

        lag.polled(kafka, kafka.poll(Duration.ZERO));

        assertThat(eventsBehind()).as("four fetched, six more on the broker").isEqualTo(10);
        assertThat(secondsBehind()).as("the first fetched is the oldest not projected").isEqualTo(7);
    }

    @Test
    void aPartitionWithEverythingProjectedShowsNoLag() {
        kafka.updateEndOffsets(Map.of(PARTITION, 2L));
        kafka.addRecord(publishedAt(0, NOW.minusSeconds(30)));
        kafka.addRecord(publishedAt(1, NOW.minusSeconds(20)));
        lag.polled(kafka, kafka.poll(Duration.ZERO));

        lag.polled(kafka, kafka.poll(Duration.ZERO));

        assertThat(eventsBehind()).isZero();
        assertThat(secondsBehind()).isZero();
    }

    @Test
    void aPartitionGivenToAnotherConsumerIsNoLongerReportedHere() {
        kafka.updateEndOffsets(Map.of(PARTITION, 1L));
        kafka.addRecord(publishedAt(0, NOW));
        lag.polled(kafka, kafka.poll(Duration.ZERO));

        lag.released(List.of(PARTITION));

        assertThat(registry.find(ProjectionLag.EVENTS).gauges()).isEmpty();
        assertThat(registry.find(ProjectionLag.SECONDS).timeGauges()).isEmpty();
    }

    private double eventsBehind() {
        return registry.get(ProjectionLag.EVENTS).tag("partition", "3").gauge().value();
    }

    private double secondsBehind() {
        return registry.get(ProjectionLag.SECONDS).tag("partition", "3").timeGauge().value(TimeUnit.SECONDS);
    }

    private static ConsumerRecord<String, String> publishedAt(long offset, Instant at) {
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, at.toEpochMilli(),
                TimestampType.CREATE_TIME, 0, 0, "meeting", "{}", new RecordHeaders(), Optional.empty());
    }
}
