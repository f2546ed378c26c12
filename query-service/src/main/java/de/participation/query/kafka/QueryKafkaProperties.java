package de.participation.query.kafka;

import de.participation.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * How the query service reads the history.
 *
 * @param bootstrapServers  the Kafka brokers
 * @param groupId           the consumer group; instances of the query service share its partitions
 * @param partitions        partitions of the topics if this service has to create them
 * @param replicationFactor replicas of the topics if this service has to create them
 * @param maxPollRecords    the most records folded into one batch write
 * @param instanceId        a stable name of this instance in the group (static membership), so that
 *                          a restarted instance takes its partitions back at once instead of after
 *                          the session timeout; empty for dynamic membership
 * @param sessionTimeout    how long the group waits for a silent instance before moving its
 *                          partitions to the others
 * @param batchWait         how long the broker may hold a fetch back to gather more events for one
 *                          batch (unless {@code batchBytes} come first): every batch costs its reads,
 *                          writes and offset commit, so a few events per batch cost much less per
 *                          event than one; an event is projected later by at most this much
 * @param batchBytes        how many bytes of events the broker gathers before it answers at once
 */
@ConfigurationProperties("participation.kafka")
public record QueryKafkaProperties(
        String bootstrapServers,
        @DefaultValue("query-service") String groupId,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor,
        @DefaultValue("500") int maxPollRecords,
        @DefaultValue("") String instanceId,
        @DefaultValue("10s") Duration sessionTimeout,
        @DefaultValue("10ms") Duration batchWait,
        @DefaultValue("64KB") DataSize batchBytes) {

    /**
     * What every consumer of this service sets: offsets committed by hand after the work is
     * written, a new group starting at the beginning of the history, and how long the group waits
     * for a silent member.
     */
    public Map<String, Object> consumerConfig(String group) {
        return new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3));
    }

    /**
     * A producer for the query service's own small topics (dead letters, skips): every record
     * acknowledged by all replicas, once, and a bounded wait for each.
     */
    Producer<String, String> acknowledgedProducer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    /** Creates the events topic, its dead-letter topic and the log of skipped records if they are missing. */
    public void ensureTopics() {
        Topics.ensureExists(bootstrapServers, Topics.MEETING_EVENTS, partitions, replicationFactor);
        Topics.ensureExists(bootstrapServers, Topics.MEETING_EVENTS_DEAD_LETTERS, 1, replicationFactor);
        Topics.ensureExists(bootstrapServers, Topics.SKIPPED_RECORDS, 1, replicationFactor);
    }
}
