package de.participation.kafka;

import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.ssl.SslBundles;

import java.util.HashMap;
import java.util.Map;

/**
 * The settings every Kafka client of a service starts from: Spring Boot's standard Kafka properties
 * ({@code spring.kafka.bootstrap-servers}, {@code spring.kafka.security.protocol},
 * {@code spring.kafka.ssl.*}, {@code spring.kafka.properties.sasl.*}, ...). Each producer, consumer
 * and admin client is built from them, so that none of them talks to the broker without the
 * credentials and the TLS settings the operator gave (docs/security.md, section 5).
 */
public final class KafkaClientSettings {

    private final KafkaProperties spring;
    private final SslBundles sslBundles;

    public KafkaClientSettings(KafkaProperties spring, SslBundles sslBundles) {
        this.spring = spring;
        this.sslBundles = sslBundles;
    }

    /** Where the brokers are and how to authenticate: what an admin client needs. */
    public Map<String, Object> admin() {
        return spring.buildAdminProperties(sslBundles);
    }

    /** A consumer's settings: the standard ones, then {@code own}. */
    public Map<String, Object> consumer(Map<String, Object> own) {
        return merged(spring.buildConsumerProperties(sslBundles), own);
    }

    /** A producer's settings: the standard ones, then {@code own}. */
    public Map<String, Object> producer(Map<String, Object> own) {
        return merged(spring.buildProducerProperties(sslBundles), own);
    }

    private static Map<String, Object> merged(Map<String, Object> standard, Map<String, Object> own) {
        Map<String, Object> settings = new HashMap<>(standard);
        settings.putAll(own);
        return settings;
    }
}
