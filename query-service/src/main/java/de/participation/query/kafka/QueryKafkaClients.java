package de.participation.query.kafka;

import de.participation.kafka.KafkaClientSettings;
import de.participation.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.HashMap;
import java.util.Map;

/**
 * Every Kafka client of the query service, built from Spring Boot's standard Kafka properties
 * (brokers, security protocol, SASL, TLS) and this service's own settings. The service reads the
 * events topic and never writes or creates it: the command service does (or the operator's init
 * step). It creates and writes only its own topics, the dead letters and the skipped records.
 */
public class QueryKafkaClients {

    private final QueryKafkaProperties properties;
    private final KafkaClientSettings clients;

    public QueryKafkaClients(QueryKafkaProperties properties, KafkaClientSettings clients) {
        this.properties = properties;
        this.clients = clients;
    }

    /** The consumer group of the read models. */
    public String groupId() {
        return properties.groupId();
    }

    /** Where the brokers are and how to authenticate: what an admin client needs. */
    public Map<String, Object> admin() {
        return clients.admin();
    }

    /** A consumer's settings: the standard ones, then {@code own}. */
    public Map<String, Object> consumer(Map<String, Object> own) {
        return clients.consumer(own);
    }

    /**
     * What every consumer in a group of this service sets: offsets committed by hand after the
     * work is written, a new group starting at the beginning of the history, and how long the
     * group waits for a silent member. The map may be added to.
     */
    public Map<String, Object> groupConsumer(String group) {
        return new HashMap<>(clients.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, properties.maxPollRecords(),
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) properties.sessionTimeout().toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) properties.sessionTimeout().toMillis() / 3)));
    }

    /**
     * A producer for the query service's own small topics (dead letters, skips): every record
     * acknowledged by all replicas, once, and a bounded wait for each.
     */
    Producer<String, String> acknowledgedProducer() {
        return new KafkaProducer<>(clients.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000)),
                new StringSerializer(), new StringSerializer());
    }

    /**
     * Creates this service's own topics (dead letters, skipped records) if they are missing, and
     * requires the events topic.
     *
     * @throws IllegalStateException while the events topic does not exist or Kafka cannot be reached
     */
    public void prepareTopics() {
        Topics.ensureExists(admin(), Topics.MEETING_EVENTS_DEAD_LETTERS, 1, properties.replicationFactor());
        Topics.ensureExists(admin(), Topics.SKIPPED_RECORDS, 1, properties.replicationFactor());
        requireEventsTopic();
    }

    /**
     * Fails while the events topic does not exist: the consumers wait for it (they start again
     * after a pause) instead of creating it, which only the command service may.
     *
     * @throws IllegalStateException while the events topic does not exist or Kafka cannot be reached
     */
    public void requireEventsTopic() {
        if (!eventsTopicExists()) {
            throw new IllegalStateException("The topic " + Topics.MEETING_EVENTS + " does not exist yet; the command "
                    + "service (or the operator's init step) creates it, and this service waits for it");
        }
    }

    /**
     * Whether the events topic exists.
     *
     * @throws IllegalStateException when Kafka cannot be reached
     */
    boolean eventsTopicExists() {
        return Topics.exists(admin(), Topics.MEETING_EVENTS);
    }
}
