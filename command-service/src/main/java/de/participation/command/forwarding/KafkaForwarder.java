package de.participation.command.forwarding;

import de.participation.command.EventMetadata;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.kafka.MeetingEventJson;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
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
 *
 * <p>Each send of an event whose command was traced is a span of that trace ({@link ForwardTracing}),
 * ended with Kafka's acknowledgement, and the event goes out with that span's {@code traceparent}.
 */
@ProcessingGroup(KafkaForwarder.PROCESSING_GROUP)
class KafkaForwarder {

    static final String PROCESSING_GROUP = "kafka-forwarder";
    private static final String PENDING_SENDS = KafkaForwarder.class.getName() + ".pendingSends";

    private final Producer<String, String> producer;
    private final MeetingEventsTopic topic;
    private final String topicName;
    private final ForwardTracing tracing;
    private final Timer delay;

    KafkaForwarder(Producer<String, String> producer, MeetingEventsTopic topic, KafkaProperties properties,
                   ForwardTracing tracing, MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.topicName = properties.topic();
        this.tracing = tracing;
        this.delay = Timer.builder("participation.forwarder.delay")
                .description("From an event's commit (its time stamp) to Kafka's acknowledgement of it")
                .register(meters);
    }

    @EventHandler
    void forward(MeetingEvent event, DomainEventMessage<?> message) {
        topic.prepareForSending();
        Span span = tracing.startForward(message);
        MeetingEventEnvelope envelope = MeetingEventEnvelope.of(message.getIdentifier(), message.getTimestamp(),
                message.getSequenceNumber(), (String) message.getMetaData().get(EventMetadata.CORRELATION_ID),
                (String) message.getMetaData().get(EventMetadata.ISSUED_BY), tracing.traceparentOf(span, message),
                event);
        ProducerRecord<String, String> record = new ProducerRecord<>(topicName, envelope.subject(),
                MeetingEventJson.write(envelope));
        record.headers().add("content-type",
                MeetingEventEnvelope.STRUCTURED_CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        Instant committed = message.getTimestamp();
        pendingSends().add(producer.send(record, (acknowledged, failure) -> {
            if (failure == null) {
                delay.record(Duration.between(committed, Instant.now()));
            } else {
                span.error(failure);
            }
            span.end();
        }));
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
