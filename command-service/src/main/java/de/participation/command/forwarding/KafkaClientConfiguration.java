package de.participation.command.forwarding;

import de.participation.kafka.KafkaClientSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's standard Kafka properties ({@code spring.kafka.*}), from which the producer, the
 * admin clients and the personal-data scan's consumer are all built: the security protocol, SASL
 * and TLS settings reach every one of them. Boot's own Kafka beans (templates, listener
 * containers) are not used here, so its auto-configuration is excluded (application.yml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(org.springframework.boot.autoconfigure.kafka.KafkaProperties.class)
class KafkaClientConfiguration {

    @Bean
    KafkaClientSettings kafkaClientSettings(org.springframework.boot.autoconfigure.kafka.KafkaProperties standard,
                                            ObjectProvider<SslBundles> sslBundles) {
        return new KafkaClientSettings(standard, sslBundles.getIfAvailable());
    }
}
