package de.participation.query.kafka;

import de.participation.kafka.Topics;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Whether the Kafka brokers answer, and the events topic is there. Reads are still served from the
 * read models without them, so their absence makes the service DEGRADED (nothing new is
 * projected), not DOWN. The topic is the command service's to create: until it exists, this
 * service waits for it.
 */
@Component("kafka")
class KafkaHealth implements HealthIndicator {

    private final QueryKafkaClients kafka;

    KafkaHealth(QueryKafkaClients kafka) {
        this.kafka = kafka;
    }

    @Override
    public Health health() {
        try {
            if (!Topics.reachable(kafka.admin(), Duration.ofSeconds(2))) {
                return degraded("unreachable: nothing new is projected until it is back");
            }
            return kafka.eventsTopicExists() ? Health.up().build()
                    : degraded("waiting for the events topic, which the command service creates");
        } catch (IllegalStateException unreachable) {
            return degraded("unreachable: nothing new is projected until it is back");
        }
    }

    private static Health degraded(String why) {
        return Health.status("DEGRADED").withDetail("kafka", why).build();
    }
}
