package de.participation.query.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import de.participation.query.projection.ParkedRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The operators' decisions to skip a parked record, kept on a topic of their own: who skipped
 * which record of which meeting, when, and why it had been parked. It outlives any store of read
 * models, so that a projection that reads the history again (the stand-in after a restart, a
 * rebuild) skips the same records instead of parking their meetings again.
 */
@Component
public class SkippedRecords implements AutoCloseable {

    private static final ObjectMapper JSON = MeetingEventJson.mapper();
    /** Far more than a deployment will ever skip; the log is read whole. */
    private static final long READ_AT_MOST = 1_000_000;

    /** One decision. */
    public record Skipped(UUID meetingId, int partition, long offset, Long sequence, String type, String reason,
                          String skippedBy, Instant skippedAt) {

        String position() {
            return ParkedRecord.positionOf(partition, offset);
        }
    }

    private final QueryKafkaClients kafka;
    private final Producer<String, String> producer;

    SkippedRecords(QueryKafkaClients kafka) {
        this.kafka = kafka;
        this.producer = kafka.acknowledgedProducer();
    }

    /** Records the decision and waits until the broker has it: only then may the record be skipped. */
    void record(Skipped skipped) {
        try {
            producer.send(new ProducerRecord<>(Topics.SKIPPED_RECORDS, skipped.meetingId().toString(),
                    JSON.writeValueAsString(skipped))).get();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the decision to skip " + skipped.position(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot record the decision to skip " + skipped.position(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while recording a skip", e);
        }
    }

    /** Every decision, newest first. */
    public List<Skipped> all() {
        TopicTail.Tail tail = TopicTail.read(kafka, Topics.SKIPPED_RECORDS, READ_AT_MOST);
        if (!tail.complete()) {
            throw new IllegalStateException("Could not read the skipped records in time");
        }
        return tail.records().stream().map(record -> {
            try {
                return JSON.readValue(record.value(), Skipped.class);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Unreadable decision to skip at offset " + record.offset(), e);
            }
        }).sorted(Comparator.comparing(Skipped::skippedAt).reversed()).toList();
    }

    /** The positions ({@code partition@offset}) of every skipped record of the events topic. */
    public Set<String> positions() {
        return all().stream().map(Skipped::position).collect(Collectors.toSet());
    }

    @Override
    public void close() {
        producer.close();
    }
}
