package de.participation.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The meetings in the order the lists show them, soonest first: one document for every meeting
 * ({@value #ALL}) and one per organisation, each mapping meeting id to start. A page of meetings
 * reads that document and then the page's meetings, both by {@code _id}, instead of filtering and
 * sorting the whole meetings collection. Entries are set one field at a time, so two writers of
 * different partitions never overwrite each other's meetings.
 */
final class MeetingOrder {

    static final String MEETING_ORDER = "meeting_order";
    static final String ALL = "all";
    private static final Logger log = LoggerFactory.getLogger(MeetingOrder.class);
    private static final String MEETINGS = "meetings";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    /** A page of meeting ids in list order, and how many there are in all. */
    record Slice(List<UUID> meetingIds, long total) {
    }

    private record Entry(UUID meetingId, Date startsAt) {
    }

    private final MongoCollection<Document> order;

    MeetingOrder(MongoCollection<Document> order) {
        this.order = order;
    }

    /** Enters the meetings whose start is new or changed. */
    void enter(Collection<MeetingReadModel> meetings) {
        List<WriteModel<Document>> writes = new ArrayList<>();
        for (MeetingReadModel meeting : meetings) {
            var field = Updates.set(MEETINGS + "." + meeting.meetingId, Date.from(meeting.startsAt));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", ALL), field, UPSERT));
            writes.add(new UpdateOneModel<>(Filters.eq("_id", idOf(meeting.organisation)), field, UPSERT));
        }
        if (!writes.isEmpty()) {
            order.bulkWrite(writes, new BulkWriteOptions().ordered(false));
        }
    }

    /** A slice of an organisation's meetings (every meeting's when null), soonest first. */
    Slice slice(String organisation, int offset, int limit) {
        Document document = order.find(Filters.eq("_id", organisation == null ? ALL : idOf(organisation))).first();
        if (document == null) {
            return new Slice(List.of(), 0);
        }
        List<Entry> entries = new ArrayList<>();
        document.get(MEETINGS, Document.class).forEach((id, startsAt) ->
                entries.add(new Entry(UUID.fromString(id), (Date) startsAt)));
        entries.sort(Comparator.comparing(Entry::startsAt).thenComparing(entry -> entry.meetingId().toString()));
        return new Slice(entries.stream().skip(offset).limit(limit).map(Entry::meetingId).toList(), entries.size());
    }

    /**
     * Read models projected before the order existed (a real MongoDB kept across the upgrade) get
     * it from their meetings, once, at start-up.
     */
    void backfillFrom(MongoCollection<Document> meetings) {
        if (order.find().first() != null || meetings.find().first() == null) {
            return;
        }
        List<MeetingReadModel> all = new ArrayList<>();
        meetings.find().projection(Projections.include("organisation", "startsAt")).forEach(document -> {
            MeetingReadModel meeting = new MeetingReadModel();
            meeting.meetingId = UUID.fromString(document.getString("_id"));
            meeting.organisation = document.getString("organisation");
            meeting.startsAt = document.getDate("startsAt").toInstant();
            all.add(meeting);
        });
        enter(all);
        log.info("Entered {} meetings projected before the meeting order existed", all.size());
    }

    private static String idOf(String organisation) {
        return "organisation:" + organisation;
    }

    /** The ids of {@code found} in the slice's order. */
    static List<MeetingReadModel> inOrder(Slice slice, Map<UUID, MeetingReadModel> found) {
        return slice.meetingIds().stream().filter(found::containsKey).map(found::get).toList();
    }
}
