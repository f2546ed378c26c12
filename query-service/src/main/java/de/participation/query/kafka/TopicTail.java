package de.participation.query.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the last records of a small topic outside any consumer group, within a bounded time: for
 * the operators' logs of parked and skipped records.
 */
final class TopicTail {

    private static final Duration READ_AT_MOST = Duration.ofSeconds(3);

    /**
     * How many records the topic holds, and the last {@code latest} of each partition, in no
     * particular order; {@code complete} is false if the time ran out before all were read.
     */
    record Tail(long count, List<ConsumerRecord<String, String>> records, boolean complete) {
    }

    private TopicTail() {
    }

    static Tail read(QueryKafkaClients kafka, String topic, long latest) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(kafka.consumer(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) READ_AT_MOST.toMillis())),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> begins = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long count = 0;
            for (TopicPartition partition : partitions) {
                count += ends.get(partition) - begins.get(partition);
                consumer.seek(partition, Math.max(begins.get(partition), ends.get(partition) - latest));
            }
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_AT_MOST.toNanos();
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                if (System.nanoTime() > deadline) {
                    return new Tail(count, records, false);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return new Tail(count, records, true);
        }
    }
}
