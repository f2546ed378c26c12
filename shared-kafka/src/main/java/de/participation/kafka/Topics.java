package de.participation.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The topics of the system, created when missing by the service that writes them (consumers need
 * them to exist, and the brokers here do not create topics on their own). All keep every record
 * forever: the events topic is the replayable history that rebuilds every read model, and a dead
 * letter must wait for a person.
 */
public final class Topics {

    /** Every domain event, keyed by meeting id, as a CloudEvent. */
    public static final String MEETING_EVENTS = "participation.meeting-events";
    /** Records of {@link #MEETING_EVENTS} the query service could not process, with the reason. */
    public static final String MEETING_EVENTS_DEAD_LETTERS = "participation.meeting-events.dlt";
    /** The query service's operators' decisions to skip a parked record: who skipped which, and when. */
    public static final String SKIPPED_RECORDS = "participation.meeting-events.skipped";

    private static final Logger log = LoggerFactory.getLogger(Topics.class);

    private Topics() {
    }

    /**
     * The settings of a client of a broker that asks for no credentials: the local stack's, which
     * listens on loopback only, and the tests'.
     */
    public static Map<String, Object> plaintext(String bootstrapServers) {
        return Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    }

    /**
     * An admin client that gives up after seconds, not minutes, when Kafka is down.
     *
     * @param client where the brokers are and how to authenticate (bootstrap servers, security protocol,
     *               SASL and TLS settings): what every client of the service is given
     */
    public static Admin admin(Map<String, Object> client) {
        return admin(client, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    /** Whether a broker of {@code client} answers within {@code timeout}. */
    public static boolean reachable(Map<String, Object> client, Duration timeout) {
        try (Admin admin = admin(client, timeout, timeout)) {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException unreachable) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Whether {@code topic} exists, as far as {@code client} may see it.
     *
     * @throws IllegalStateException when Kafka cannot be reached
     */
    public static boolean exists(Map<String, Object> client, String topic) {
        try (Admin admin = admin(client)) {
            return admin.listTopics().names().get().contains(topic);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot list the topics", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while listing the topics", e);
        }
    }

    /** {@link #ensureExists(Map, String, int, short)} on a broker that asks for no credentials. */
    public static void ensureExists(String bootstrapServers, String topic, int partitions, short replicationFactor) {
        ensureExists(plaintext(bootstrapServers), topic, partitions, replicationFactor);
    }

    /**
     * Creates {@code topic} with infinite retention unless it exists.
     *
     * @throws IllegalStateException when Kafka cannot be reached or refuses
     */
    public static void ensureExists(Map<String, Object> client, String topic, int partitions, short replicationFactor) {
        try (Admin admin = admin(client)) {
            NewTopic newTopic = new NewTopic(topic, partitions, replicationFactor)
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
            admin.createTopics(Set.of(newTopic)).all().get();
            log.info("Created topic {} with {} partitions and infinite retention", topic, partitions);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + topic, e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + topic, e);
        }
    }

    private static Admin admin(Map<String, Object> client, Duration requestTimeout, Duration apiTimeout) {
        Map<String, Object> settings = new HashMap<>(client);
        settings.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) requestTimeout.toMillis());
        settings.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) apiTimeout.toMillis());
        return Admin.create(settings);
    }
}
