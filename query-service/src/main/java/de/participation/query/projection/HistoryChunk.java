package de.participation.query.projection;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import de.participation.events.MeetingEventEnvelope;
import de.participation.kafka.MeetingEventJson;
import org.bson.Document;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/**
 * A meeting's history as the auditors read it, in documents of {@value #SIZE} consecutive events
 * each (sequence {@code n} lives in chunk {@code n / SIZE}): a batch writes a few documents rather
 * than one per event, and a page of history is read by id. A batch appends its events to their
 * chunks without reading them ({@code $addToSet}, so an event delivered again by Kafka is not added
 * twice) and sends only those events, not the whole chunk. Events arrive in order per meeting, so
 * each chunk's array is normally in order (not after a store was replaced under a running batch:
 * see {@link KnownDocuments}); reading places events by their sequence, so the history reads
 * complete, in order and without repeats whatever a chunk holds.
 */
public final class HistoryChunk {

    static final int SIZE = 100;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final UUID meetingId;
    private final long index;
    private final TreeMap<Long, MeetingEventEnvelope> events = new TreeMap<>();

    HistoryChunk(UUID meetingId, long index) {
        this.meetingId = meetingId;
        this.index = index;
    }

    public static String idOf(UUID meetingId, long sequence) {
        return meetingId + "/" + sequence / SIZE;
    }

    String id() {
        return meetingId + "/" + index;
    }

    /** Adds the event unless its place is taken; returns whether it was new. */
    boolean add(MeetingEventEnvelope event) {
        return events.putIfAbsent(event.sequence(), event) == null;
    }

    public List<MeetingEventEnvelope> events() {
        return List.copyOf(events.values());
    }

    /**
     * The writes that append {@code events} (accepted ones, in order) to their chunks, one per
     * chunk, each as {@code asPublished} gives it: the JSON its record holds, not written again.
     */
    static List<WriteModel<Document>> appending(List<MeetingEventEnvelope> events,
                                                Function<MeetingEventEnvelope, String> asPublished) {
        Map<String, List<MeetingEventEnvelope>> byChunk = new LinkedHashMap<>();
        events.forEach(event -> byChunk.computeIfAbsent(idOf(event.data().meetingId(), event.sequence()),
                id -> new ArrayList<>()).add(event));
        List<WriteModel<Document>> writes = new ArrayList<>(byChunk.size());
        byChunk.forEach((id, chunk) -> writes.add(new UpdateOneModel<>(Filters.eq("_id", id), Updates.combine(
                Updates.setOnInsert("meetingId", chunk.getFirst().data().meetingId().toString()),
                Updates.addEachToSet("events", chunk.stream().map(asPublished).toList())), UPSERT)));
        return writes;
    }

    static HistoryChunk from(Document document) {
        String[] id = document.getString("_id").split("/");
        HistoryChunk chunk = new HistoryChunk(UUID.fromString(id[0]), Long.parseLong(id[1]));
        document.getList("events", String.class).forEach(json -> chunk.add(MeetingEventJson.read(json)));
        return chunk;
    }
}
