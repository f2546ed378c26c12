package de.participation.command.support;

import de.participation.events.MeetingEventEnvelope;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads the events topic from its beginning, as an auditor or a rebuilding consumer would. */
public final class TopicReader {

    private final String bootstrapServers;

    public TopicReader(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public record Published(ConsumerRecord<String, String> record, MeetingEventEnvelope envelope) {
    }

    /** Every record of the meeting currently on the topic, in partition order. */
    public List<Published> recordsOf(UUID meetingId) {
        return allRecords().stream()
                .filter(record -> record.key().equals(meetingId.toString()))
                .map(record -> new Published(record, MeetingEventJson.read(record.value())))
                .toList();
    }

    /** Every record currently on the topic, as it is, in partition order. */
    public List<ConsumerRecord<String, String>> allRecords() {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> partitions = consumer.partitionsFor(Topics.MEETING_EVENTS, Duration.ofSeconds(10));
            if (partitions == null || partitions.isEmpty()) {
                return List.of();
            }
            List<TopicPartition> assigned = partitions.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned);
            List<ConsumerRecord<String, String>> found = new ArrayList<>();
            while (assigned.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(500)).forEach(found::add);
            }
            return found;
        }
    }
}
