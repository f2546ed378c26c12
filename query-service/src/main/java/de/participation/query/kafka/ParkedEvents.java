package de.participation.query.kafka;

import de.participation.kafka.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The log of what the projection has parked, on the dead-letter topic ({@link DeadLetters}): how
 * many records, and the latest with their reasons, for the operators' status. Which meetings are
 * parked now is in the read models ({@code ParkedRecords}).
 */
@Component
public class ParkedEvents {

    /** One parked record: its meeting (the record's key), where it came from, and why. */
    public record Parked(String meetingId, String origin, String reason, Instant parkedAt) {
    }

    public record Summary(long count, List<Parked> latest) {
    }

    private final QueryKafkaClients kafka;

    ParkedEvents(QueryKafkaClients kafka) {
        this.kafka = kafka;
    }

    /** The number of parked records and the {@code latest} most recent ones, newest first. */
    public Summary summary(int latest) {
        TopicTail.Tail tail = TopicTail.read(kafka, Topics.MEETING_EVENTS_DEAD_LETTERS, latest);
        List<Parked> parked = new ArrayList<>(tail.records().stream().map(ParkedEvents::parked).toList());
        parked.sort(Comparator.comparing(Parked::parkedAt).reversed());
        return new Summary(tail.count(), parked.stream().limit(latest).toList());
    }

    private static Parked parked(ConsumerRecord<String, String> record) {
        return new Parked(record.key(), header(record, DeadLetters.ORIGIN), header(record, DeadLetters.REASON),
                Instant.ofEpochMilli(record.timestamp()));
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
