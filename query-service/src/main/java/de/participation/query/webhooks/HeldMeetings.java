package de.participation.query.webhooks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import de.participation.kafka.Topics;
import de.participation.query.kafka.MeetingKeys;
import de.participation.query.kafka.SkippedRecords;
import de.participation.query.projection.ParkedRecord;
import de.participation.query.projection.ProjectionService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The webhooks' side of the parking rule: the records of a meeting the projection has parked, from
 * the parked record on, are held here (in {@value #COLLECTION}) instead of becoming deliveries, so
 * that a parked meeting's deliveries wait too and never go out of order. When the projection lets
 * the meeting go (an operator retried it, or skipped a record), the held records it has applied
 * are released in topic order, without the skipped ones. Since the webhooks' consumer never runs
 * ahead of the projection ({@link ProjectionGate}), the projection has decided on every record
 * before it is held or delivered.
 */
@Component
class HeldMeetings {

    static final String COLLECTION = "webhook_held_records";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final Duration RELEASE_EVERY = Duration.ofMillis(200);

    private final MongoCollection<Document> held;
    private final ProjectionService projection;
    private final SkippedRecords skippedRecords;
    private long nextReleaseCheck;

    HeldMeetings(MongoDatabase database, ProjectionService projection, SkippedRecords skippedRecords) {
        this.held = database.getCollection(COLLECTION);
        this.projection = projection;
        this.skippedRecords = skippedRecords;
    }

    /**
     * The records to deliver now, in order; the others are held (durably, before the offsets
     * move). A record is held if its meeting is held already or the projection parked the meeting
     * at or before it; skipped records are dropped.
     */
    List<ConsumerRecord<String, String>> sift(List<ConsumerRecord<String, String>> records, Set<String> skipped) {
        Set<Integer> partitions = records.stream().map(ConsumerRecord::partition).collect(Collectors.toSet());
        Set<UUID> holding = heldMeetings(partitions);
        Map<UUID, Long> parkedFrom = projection.parked().parkedFrom(partitions);
        List<ConsumerRecord<String, String>> ready = new ArrayList<>();
        List<Document> holdNow = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            UUID meetingId = MeetingKeys.meetingOf(record.key()).orElse(null);
            if (skipped.contains(ParkedRecord.positionOf(record.partition(), record.offset()))) {
                continue;
            }
            if (meetingId != null && (holding.contains(meetingId)
                    || parkedFrom.getOrDefault(meetingId, Long.MAX_VALUE) <= record.offset())) {
                holding.add(meetingId);
                holdNow.add(document(record, meetingId));
            } else {
                ready.add(record);
            }
        }
        if (!holdNow.isEmpty()) {
            held.bulkWrite(holdNow.stream()
                    .map(document -> new ReplaceOneModel<>(Filters.eq("_id", document.get("_id")), document, UPSERT))
                    .toList(), new BulkWriteOptions().ordered(false));
        }
        return ready;
    }

    /**
     * Now and then, the held records of these partitions that the projection no longer parks, in
     * topic order, without the skipped ones (read afresh: an operator has just skipped one);
     * {@code deliver} makes their deliveries before they are let go, so a crash in between delivers
     * them again (deliveries are idempotent by event).
     */
    void release(Collection<Integer> partitions, Consumer<List<ConsumerRecord<String, String>>> deliver) {
        if (System.nanoTime() < nextReleaseCheck || partitions.isEmpty()) {
            return;
        }
        nextReleaseCheck = System.nanoTime() + RELEASE_EVERY.toNanos();
        List<Document> documents = held.find(Filters.in("partition", partitions)).into(new ArrayList<>());
        if (documents.isEmpty()) {
            return;
        }
        Map<UUID, Long> parkedFrom = projection.parked().parkedFrom(partitions);
        List<Document> releasing = documents.stream()
                .filter(document -> document.getLong("offset")
                        < parkedFrom.getOrDefault(UUID.fromString(document.getString("meetingId")), Long.MAX_VALUE))
                .sorted(Comparator.comparing((Document document) -> document.getInteger("partition"))
                        .thenComparing(document -> document.getLong("offset")))
                .toList();
        if (releasing.isEmpty()) {
            return;
        }
        Set<String> skipped = skippedRecords.positions();
        deliver.accept(releasing.stream().map(HeldMeetings::record)
                .filter(record -> !skipped.contains(ParkedRecord.positionOf(record.partition(), record.offset())))
                .toList());
        held.deleteMany(Filters.in("_id", releasing.stream().map(document -> document.get("_id")).toList()));
    }

    private Set<UUID> heldMeetings(Collection<Integer> partitions) {
        return held.find(Filters.in("partition", partitions)).projection(Projections.include("meetingId"))
                .into(new ArrayList<>()).stream()
                .map(document -> UUID.fromString(document.getString("meetingId")))
                .collect(Collectors.toCollection(HashSet::new));
    }

    private static Document document(ConsumerRecord<String, String> record, UUID meetingId) {
        return new Document("_id", ParkedRecord.positionOf(record.partition(), record.offset()))
                .append("partition", record.partition())
                .append("offset", record.offset())
                .append("meetingId", meetingId.toString())
                .append("key", record.key())
                .append("value", record.value());
    }

    private static ConsumerRecord<String, String> record(Document document) {
        return new ConsumerRecord<>(Topics.MEETING_EVENTS, document.getInteger("partition"), document.getLong("offset"),
                document.getString("key"), document.getString("value"));
    }
}
