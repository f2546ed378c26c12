package de.participation.query.kafka;

import de.participation.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Parks records that cannot be projected on the dead-letter topic, unchanged, with the reason and
 * their origin in headers, so that one broken record neither stops the other meetings nor is lost.
 */
@Component
class DeadLetters implements AutoCloseable {

    static final String REASON = "dlt-reason";
    static final String ORIGIN = "dlt-origin";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<String, String> producer;

    DeadLetters(QueryKafkaProperties properties) {
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, properties.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000),
                new StringSerializer(), new StringSerializer());
    }

    /** Publishes and waits for the acknowledgement: the offset may be committed only after it. */
    void park(ConsumerRecord<String, String> record, String reason) {
        log.warn("Dead-lettering {}-{}@{}: {}", record.topic(), record.partition(), record.offset(), reason);
        ProducerRecord<String, String> letter = new ProducerRecord<>(Topics.MEETING_EVENTS_DEAD_LETTERS,
                record.key(), record.value());
        letter.headers().add(REASON, reason.getBytes(StandardCharsets.UTF_8));
        letter.headers().add(ORIGIN, (record.topic() + "-" + record.partition() + "@" + record.offset())
                .getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(letter).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot publish dead letter", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing dead letter", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
