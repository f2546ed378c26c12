package de.participation.command.forwarding;

import de.participation.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Duration;
import java.util.Map;

/**
 * The Kafka forwarder and its producer: idempotent with {@code acks=all}, so a retried send never
 * duplicates or reorders within a partition; bounded waits, so that a broker outage surfaces as a
 * failed batch (retried by the processor) rather than a stuck thread.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "participation.kafka", name = "enabled", havingValue = "true", matchIfMissing = true)
class ForwardingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ForwardingConfiguration.class);

    @Bean(destroyMethod = "close")
    Producer<String, String> meetingEventProducer(KafkaClientSettings clients) {
        return new KafkaProducer<>(clients.producer(Map.of(
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                // No lingering: the forwarder waits for the acknowledgements of a batch before it takes
                // the next, so sends are already grouped; a wait here only added to every event's delay.
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000)),
                new StringSerializer(), new StringSerializer());
    }

    @Bean
    MeetingEventsTopic meetingEventsTopic(KafkaProperties properties, KafkaClientSettings clients, JdbcTemplate jdbc,
                                          PlatformTransactionManager transactions) {
        return new MeetingEventsTopic(properties, clients.admin(), jdbc, transactions);
    }

    /**
     * Creates the topic at start-up when Kafka is reachable, so that consumers can subscribe before
     * the first event; in the background, because the service must start and take commands while
     * Kafka is down (the forwarder then creates it before its first send).
     */
    @Bean
    ApplicationListener<ApplicationReadyEvent> createTopicAtStartUp(MeetingEventsTopic topic) {
        return ready -> Thread.ofVirtual().name("create-topic").start(() -> {
            try {
                topic.ensureExists();
            } catch (RuntimeException kafkaDown) {
                log.warn("Kafka not reachable at start-up; the forwarder will create the topic later: {}",
                        kafkaDown.getMessage());
            }
        });
    }

    @Bean
    KafkaForwarder kafkaForwarder(Producer<String, String> meetingEventProducer, MeetingEventsTopic topic,
                                  KafkaProperties properties, ObjectProvider<Propagator> propagator,
                                  MeterRegistry meters) {
        return new KafkaForwarder(meetingEventProducer, topic, properties,
                new ForwardTracing(propagator.getIfAvailable(() -> Propagator.NOOP)), meters);
    }

    /** {@code participation.forwarder.lag}: events stored but not yet acknowledged by Kafka. */
    @Bean
    MeterBinder forwarderLag(JdbcTemplate jdbc) {
        return new ForwarderLag(jdbc, KafkaForwarder.PROCESSING_GROUP);
    }

    /** @param timeout the longest each phase of a stop may take, as for Spring's own phases */
    @Bean
    ForwarderDrain forwarderDrain(EventProcessingConfiguration processing, EventStore eventStore,
                                  @Value("${spring.lifecycle.timeout-per-shutdown-phase:30s}") Duration timeout) {
        return new ForwarderDrain(processing, eventStore, timeout);
    }

    /**
     * Axon logs and skips an event whose handler fails unless told otherwise; a skipped event would
     * be missing from Kafka for good. Propagating the failure makes the processor retry the batch.
     */
    @Bean
    ConfigurerModule forwarderStopsOnFailure() {
        return configurer -> configurer.eventProcessing()
                .registerListenerInvocationErrorHandler(KafkaForwarder.PROCESSING_GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
