package de.participation.query.kafka;

import de.participation.kafka.KafkaClientSettings;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Boot's standard Kafka properties ({@code spring.kafka.*}), from which every consumer,
 * producer and admin client of the service is built ({@link QueryKafkaClients}): the security
 * protocol, SASL and TLS settings reach every one of them. Boot's own Kafka beans (templates,
 * listener containers) are not used here, so its auto-configuration is excluded (application.yml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(KafkaProperties.class)
class KafkaClientConfiguration {

    @Bean
    QueryKafkaClients queryKafkaClients(QueryKafkaProperties properties, KafkaProperties standard,
                                        ObjectProvider<SslBundles> sslBundles) {
        return new QueryKafkaClients(properties, new KafkaClientSettings(standard, sslBundles.getIfAvailable()));
    }
}
