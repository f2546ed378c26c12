package de.participation.query.kafka;

import de.participation.kafka.Topics;
import de.participation.query.projection.ParkedRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;

/**
 * Keeps a copy of each record that parked a meeting (or was parked on its own) on the dead-letter
 * topic, unchanged, with the reason and its origin in headers: the operators' log of what went
 * wrong, which outlives any store of read models.
 */
@Component
class DeadLetters implements AutoCloseable {

    static final String REASON = "dlt-reason";
    static final String ORIGIN = "dlt-origin";

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);

    private final Producer<String, String> producer;

    DeadLetters(QueryKafkaClients kafka) {
        this.producer = kafka.acknowledgedProducer();
    }

    /**
     * Publishes a copy of a record the projection parked, and waits for the acknowledgement: the
     * offset may be committed only after it.
     */
    void park(ParkedRecord record) {
        log.warn("Parking {}-{}: {}", Topics.MEETING_EVENTS, record.position(), record.reason());
        ProducerRecord<String, String> letter = new ProducerRecord<>(Topics.MEETING_EVENTS_DEAD_LETTERS,
                record.key(), record.value());
        letter.headers().add(REASON, record.reason().getBytes(StandardCharsets.UTF_8));
        letter.headers().add(ORIGIN, (Topics.MEETING_EVENTS + "-" + record.position()).getBytes(StandardCharsets.UTF_8));
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
