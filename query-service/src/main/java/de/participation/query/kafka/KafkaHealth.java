package de.participation.query.kafka;

import de.participation.kafka.Topics;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Whether the Kafka brokers answer. Reads are still served from the read models without them, so
 * their absence makes the service DEGRADED (nothing new is projected), not DOWN.
 */
@Component("kafka")
class KafkaHealth implements HealthIndicator {

    private final QueryKafkaClients kafka;

    KafkaHealth(QueryKafkaClients kafka) {
        this.kafka = kafka;
    }

    @Override
    public Health health() {
        return Topics.reachable(kafka.admin(), Duration.ofSeconds(2)) ? Health.up().build()
                : Health.status("DEGRADED").withDetail("kafka", "unreachable: nothing new is projected until it is back")
                .build();
    }
}
