package de.participation.command.forwarding;

import de.participation.command.EventMetadata;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.kafka.MeetingEventJson;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes every stored event to Kafka, keyed by meeting id so that a meeting's events keep their
 * order on one partition. It runs in the tracking processor {@value #PROCESSING_GROUP}, which reads
 * the event store in order: the sends of one batch are pipelined, and the batch (and with it the
 * processor's token) commits only after Kafka acknowledged all of them. A failure rolls the batch
 * back and the processor retries it with back-off: delivery is at least once, in order per meeting.
 */
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
class KafkaForwarder {

    static final String PROCESSING_GROUP = "kafka-forwarder";
    private static final String PENDING_SENDS = KafkaForwarder.class.getName() + ".pendingSends";

    private final Producer<String, String> producer;
    private final MeetingEventsTopic topic;
    private final String topicName;

    KafkaForwarder(Producer<String, String> producer, MeetingEventsTopic topic, KafkaProperties properties) {
        this.producer = producer;
        this.topic = topic;
        this.topicName = properties.topic();
    }

    @EventHandler
    void forward(MeetingEvent event, DomainEventMessage<?> message) {
        topic.prepareForSending();
        MeetingEventEnvelope envelope = MeetingEventEnvelope.of(message.getIdentifier(), message.getTimestamp(),
                message.getSequenceNumber(), (String) message.getMetaData().get(EventMetadata.CORRELATION_ID),
                (String) message.getMetaData().get(EventMetadata.ISSUED_BY), event);
        ProducerRecord<String, String> record = new ProducerRecord<>(topicName, envelope.subject(),
                MeetingEventJson.write(envelope));
        record.headers().add("content-type",
                MeetingEventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        pendingSends().add(producer.send(record));
    }

    /** The sends of the current batch; the batch commits only once all of them are acknowledged. */
    private List<Future<RecordMetadata>> pendingSends() {
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        return batch.getOrComputeResource(PENDING_SENDS, key -> {
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> awaitAcknowledgements(sends));
            return sends;
        });
    }

    private static void awaitAcknowledgements(List<Future<RecordMetadata>> sends) {
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new KafkaUnavailableException("Kafka did not acknowledge an event", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException("Interrupted while waiting for Kafka", e);
        }
    }

    static class KafkaUnavailableException extends RuntimeException {
        KafkaUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
