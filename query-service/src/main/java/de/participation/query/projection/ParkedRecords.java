package de.participation.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import org.bson.Document;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The records one generation of the read models has parked ({@link ParkedRecord}), and the mark
 * on each parked meeting's document ({@code projection}, a {@link Parking}). Parked records are
 * few; the collection is read whole or by meeting, and its size stays that of what an operator
 * has yet to retry or skip.
 */
public final class ParkedRecords {

    static final String PARKED_RECORDS = "parked_records";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final Comparator<ParkedRecord> TOPIC_ORDER =
            Comparator.comparingInt(ParkedRecord::partition).thenComparingLong(ParkedRecord::offset);

    private final MongoCollection<Document> records;
    private final MongoCollection<Document> meetings;

    ParkedRecords(MongoCollection<Document> records, MongoCollection<Document> meetings) {
        this.records = records;
        this.meetings = meetings;
    }

    /**
     * Keeps the records, by position, and marks each meeting a record parked with that record as
     * the cause.
     *
     * @param replacing whether each record replaces what is kept at its position; if not, what is
     *                  kept stays, so that parking the same record twice changes nothing
     */
    public void park(Collection<ParkedRecord> parked, boolean replacing) {
        if (parked.isEmpty()) {
            return;
        }
        records.bulkWrite(parked.stream()
                .map(record -> replacing
                        ? new ReplaceOneModel<>(Filters.eq("_id", record.position()), record.toDocument(), UPSERT)
                        : new UpdateOneModel<Document>(Filters.eq("_id", record.position()),
                                Updates.setOnInsert(record.toDocument()), new UpdateOptions().upsert(true)))
                .toList(), new BulkWriteOptions().ordered(false));
        parked.stream().filter(record -> record.isCause() && record.meetingId() != null)
                .forEach(cause -> meetings.updateOne(Filters.eq("_id", cause.meetingId().toString()),
                        Updates.set(MeetingReadModel.PROJECTION, Parking.causedBy(cause).toDocument())));
    }

    /**
     * The meetings parked with records on these partitions, each with the offset of its first
     * parked record (where its parking began); only those two fields are read.
     */
    public Map<UUID, Long> parkedFrom(Collection<Integer> partitions) {
        Map<UUID, Long> from = new HashMap<>();
        records.find(Filters.in("partition", partitions)).projection(Projections.include("meetingId", "offset"))
                .forEach(record -> {
                    String meetingId = record.getString("meetingId");
                    if (meetingId != null) {
                        from.merge(UUID.fromString(meetingId), record.getLong("offset"), Math::min);
                    }
                });
        return from;
    }

    /** How many records are parked, and how many meetings they park. */
    public record Counts(long records, long meetings) {
    }

    /** Two counting queries: the records, and the meetings they belong to (records without a meeting park none). */
    public Counts counts() {
        long meetingsParked = 0;
        for (String ignored : records.distinct("meetingId", Filters.ne("meetingId", null), String.class)) {
            meetingsParked++;
        }
        return new Counts(records.countDocuments(), meetingsParked);
    }

    /** Every parked record, in topic order. */
    public List<ParkedRecord> all() {
        return inTopicOrder(records.find().map(ParkedRecord::from).into(new ArrayList<>()));
    }

    /** The meeting's parked records, in topic order: its first that could not be applied, then those behind it. */
    public List<ParkedRecord> of(UUID meetingId) {
        return inTopicOrder(records.find(Filters.eq("meetingId", meetingId.toString())).map(ParkedRecord::from)
                .into(new ArrayList<>()));
    }

    /**
     * Takes records back, applied after all or skipped; a meeting with none left parked is live
     * again.
     */
    public void release(UUID meetingId, Collection<String> positions) {
        if (!positions.isEmpty()) {
            records.deleteMany(Filters.in("_id", positions));
        }
        if (records.countDocuments(Filters.eq("meetingId", meetingId.toString())) == 0) {
            meetings.updateOne(Filters.eq("_id", meetingId.toString()), Updates.unset(MeetingReadModel.PROJECTION));
        }
    }

    private static List<ParkedRecord> inTopicOrder(List<ParkedRecord> parked) {
        parked.sort(TOPIC_ORDER);
        return parked;
    }
}
