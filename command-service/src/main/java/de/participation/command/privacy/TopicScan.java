package de.participation.command.privacy;

import de.participation.kafka.KafkaClientSettings;
import de.participation.web.privacy.ScanReport.Finding;
import de.participation.web.privacy.ScanReport.Scanned;
import de.participation.web.privacy.ScanTarget;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads every record of every topic of the cluster (not Kafka's internal ones) from the beginning
 * to the end it had when the scan began: the events' topic, the read side's dead letters and
 * whatever else is there. Keys, values and header values are read as text. A cluster that cannot
 * be reached within {@link #METADATA_WITHIN}, or read wholly within {@code within}, leaves the scan
 * incomplete, never silently clean.
 */
final class TopicScan {

    private static final Logger log = LoggerFactory.getLogger(TopicScan.class);
    private static final String STORE = "kafka";
    private static final Duration METADATA_WITHIN = Duration.ofSeconds(10);

    private final String bootstrapServers;
    private final KafkaClientSettings clients;
    private final Duration within;
    private final Clock clock;

    TopicScan(String bootstrapServers, KafkaClientSettings clients, Duration within, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.clients = clients;
        this.within = within;
        this.clock = clock;
    }

    Scanned scan(ScanTarget target, List<Finding> findings) {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            return new Scanned(STORE, 0, false);
        }
        Instant deadline = clock.instant().plus(within);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(clients.consumer(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2_000,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) METADATA_WITHIN.toMillis())),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = partitionsOfEveryTopic(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long records = 0;
            while (!readToEnd(consumer, ends)) {
                if (clock.instant().isAfter(deadline)) {
                    return new Scanned(STORE, records, false);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records++;
                        String location = record.topic() + "/" + record.partition() + "@" + record.offset();
                        target.tracesIn(textOf(record)).forEach(trace -> findings.add(new Finding(STORE, location, trace)));
                    }
                }
            }
            return new Scanned(STORE, records, true);
        } catch (RuntimeException | InterruptedException | ExecutionException | TimeoutException unreachable) {
            if (unreachable instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("The personal-data scan could not read the topics: {}", unreachable.toString());
            return new Scanned(STORE, 0, false);
        }
    }

    private List<TopicPartition> partitionsOfEveryTopic(KafkaConsumer<byte[], byte[]> consumer)
            throws InterruptedException, ExecutionException, TimeoutException {
        try (Admin admin = Admin.create(clients.admin())) {
            Set<String> topics = admin.listTopics().names().get(METADATA_WITHIN.toMillis(), TimeUnit.MILLISECONDS);
            return topics.stream()
                    .flatMap(topic -> consumer.partitionsFor(topic, METADATA_WITHIN).stream())
                    .map(info -> new TopicPartition(info.topic(), info.partition()))
                    .toList();
        }
    }

    private static boolean readToEnd(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue());
    }

    private static String textOf(ConsumerRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder();
        append(text, record.key());
        append(text, record.value());
        for (Header header : record.headers()) {
            append(text, header.value());
        }
        return text.toString();
    }

    private static void append(StringBuilder text, byte[] bytes) {
        if (bytes != null) {
            text.append(new String(bytes, StandardCharsets.UTF_8)).append('|');
        }
    }
}
