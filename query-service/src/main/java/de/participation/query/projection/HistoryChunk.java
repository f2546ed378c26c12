package de.participation.query.projection;

import de.participation.events.MeetingEventEnvelope;
import de.participation.kafka.MeetingEventJson;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * A meeting's history as the auditors read it, in documents of {@value #SIZE} consecutive events
 * each (sequence {@code n} lives in chunk {@code n / SIZE}): a batch writes a few documents rather
 * than one per event, and a page of history is read by id. Events are placed by their sequence, so
 * a duplicate delivered by Kafka takes the place it already has: the history stays complete, in
 * order and without repeats.
 */
public final class HistoryChunk {

    static final int SIZE = 100;

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

    Document toDocument() {
        List<String> written = new ArrayList<>(events.size());
        events.values().forEach(event -> written.add(MeetingEventJson.write(event)));
        return new Document("_id", id()).append("meetingId", meetingId.toString()).append("events", written);
    }

    static HistoryChunk from(Document document) {
        String[] id = document.getString("_id").split("/");
        HistoryChunk chunk = new HistoryChunk(UUID.fromString(id[0]), Long.parseLong(id[1]));
        document.getList("events", String.class).forEach(json -> chunk.add(MeetingEventJson.read(json)));
        return chunk;
    }
}
