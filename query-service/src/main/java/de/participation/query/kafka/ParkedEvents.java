package de.participation.query.kafka;

import de.participation.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * What the projection has parked on the dead-letter topic ({@link DeadLetters}): how many events,
 * and the latest with their reasons, for the operators' status.
 */
@Component
public class ParkedEvents {

    private static final Duration READ_AT_MOST = Duration.ofSeconds(3);

    /** One parked record: its meeting (the record's key), where it came from, and why. */
    public record Parked(String meetingId, String origin, String reason, Instant parkedAt) {
    }

    public record Summary(long count, List<Parked> latest) {
    }

    private final QueryKafkaProperties properties;

    ParkedEvents(QueryKafkaProperties properties) {
        this.properties = properties;
    }

    /** The number of parked records and the {@code latest} most recent ones, newest first. */
    public Summary summary(int latest) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_AT_MOST.toMillis()),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.MEETING_EVENTS_DEAD_LETTERS).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long count = 0;
            for (TopicPartition partition : partitions) {
                count += ends.get(partition) - begins.get(partition);
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - latest));
            }
            List<Parked> parked = new ArrayList<>();
            long deadline = System.nanoTime() + READ_AT_MOST.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))
                    && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> parked.add(parked(record)));
            }
            parked.sort(Comparator.comparing(Parked::parkedAt).reversed());
            return new Summary(count, parked.stream().limit(latest).toList());
        }
    }

    private static Parked parked(ConsumerRecord<String, String> record) {
        return new Parked(record.key(), header(record, DeadLetters.ORIGIN), header(record, DeadLetters.REASON),
                Instant.ofEpochMilli(record.timestamp()));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
