package de.participation.command.forwarding;

import de.participation.kafka.Topics;

/**
 * Makes sure the events topic exists before the first send. Not done at start-up, so that the
 * service starts and accepts commands while Kafka is down.
 */
class MeetingEventsTopic {

    private final KafkaProperties properties;
    private volatile boolean ensured;

    MeetingEventsTopic(KafkaProperties properties) {
        this.properties = properties;
    }

    void ensureExists() {
        if (!ensured) {
            Topics.ensureExists(properties.bootstrapServers(), properties.topic(), properties.partitions(),
                    properties.replicationFactor());
            ensured = true;
        }
    }
}
