package de.participation.query.support;

import de.participation.events.MeetingEventEnvelope;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * Publishes to the events topic as the command service's forwarder does (or as a broken producer
 * would), creating the topic first as the forwarder does: the query service only waits for it.
 */
public final class EventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer;

    public EventPublisher(String bootstrapServers) {
        Topics.ensureExists(bootstrapServers, Topics.MEETING_EVENTS, 6, (short) 1);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    public void publish(List<MeetingEventEnvelope> events) {
        events.forEach(event -> publishRaw(event.subject(), MeetingEventJson.write(event)));
    }

    public void publishRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(Topics.MEETING_EVENTS, key, value)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
