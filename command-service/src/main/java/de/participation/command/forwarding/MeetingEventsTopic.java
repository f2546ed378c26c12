package de.participation.command.forwarding;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

/**
 * Creates the events topic if it is missing, with infinite retention: the topic is the replayable
 * history that rebuilds every read model. Called by the forwarder before its first send rather than
 * at start-up, so that the service starts and accepts commands while Kafka is down.
 */
class MeetingEventsTopic {

    private static final Logger log = LoggerFactory.getLogger(MeetingEventsTopic.class);

    private final KafkaProperties properties;
    private volatile boolean ensured;

    MeetingEventsTopic(KafkaProperties properties) {
        this.properties = properties;
    }

    void ensureExists() {
        if (ensured) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            NewTopic topic = new NewTopic(properties.topic(), properties.partitions(), properties.replicationFactor())
                    .configs(Map.of(TopicConfig.RETENTION_MS_CONFIG, "-1", TopicConfig.RETENTION_BYTES_CONFIG, "-1"));
            admin.createTopics(Set.of(topic)).all().get();
            log.info("Created topic {} with {} partitions and infinite retention", properties.topic(), properties.partitions());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create topic " + properties.topic(), e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topic " + properties.topic(), e);
        }
        ensured = true;
    }
}
