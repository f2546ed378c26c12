package de.participation.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The topics of the system, created when missing (consumers need them to exist, and the brokers
 * here do not create topics on their own). Both keep every record forever: the events topic is
 * the replayable history that rebuilds every read model, and a dead letter must wait for a person.
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

    /** An admin client that gives up after seconds, not minutes, when Kafka is down. */
    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    /**
     * Creates {@code topic} with infinite retention unless it exists.
     *
     * @throws IllegalStateException when Kafka cannot be reached or refuses
     */
    /** Whether a broker of {@code bootstrapServers} answers within {@code timeout}. */
    public static boolean reachable(String bootstrapServers, Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis()))) {
            return !admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isEmpty();
        } catch (ExecutionException | TimeoutException | RuntimeException unreachable) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public static void ensureExists(String bootstrapServers, String topic, int partitions, short replicationFactor) {
        try (Admin admin = admin(bootstrapServers)) {
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
}
