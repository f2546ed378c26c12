package de.participation.command.forwarding;

import de.participation.kafka.Topics;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where stored events are published.
 *
 * @param bootstrapServers  the Kafka brokers
 * @param topic             the topic holding every meeting's history, keyed by meeting id
 * @param partitions        partitions of the topic when this service creates it
 * @param replicationFactor replicas of the topic when this service creates it
 */
@ConfigurationProperties("participation.kafka")
public record KafkaProperties(
        String bootstrapServers,
        @DefaultValue(Topics.MEETING_EVENTS) String topic,
        @DefaultValue("6") int partitions,
        @DefaultValue("1") short replicationFactor) {
}
