package de.participation.command.forwarding;

import de.participation.kafka.KafkaClientSettings;
import de.participation.kafka.Topics;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Whether the Kafka brokers answer. Commands are still accepted without them (the forwarder
 * catches up later), so their absence makes the service DEGRADED, not DOWN: it says what is
 * missing without being taken out of service.
 */
@Component("kafka")
@ConditionalOnProperty(name = "participation.kafka.enabled", havingValue = "true", matchIfMissing = true)
class KafkaHealth implements HealthIndicator {

    private final KafkaClientSettings clients;

    KafkaHealth(KafkaClientSettings clients) {
        this.clients = clients;
    }

    @Override
    public Health health() {
        return Topics.reachable(clients.admin(), Duration.ofSeconds(2)) ? Health.up().build()
                : Health.status("DEGRADED").withDetail("kafka", "unreachable: events are forwarded once it is back")
                .build();
    }
}
