package de.participation.query.projection;

import de.participation.events.RegistrationStatus;
import org.bson.Document;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@value #SIZE} consecutive registrations of a meeting in arrival order, with their statuses: the
 * registration that arrived n-th (from 0) is entry {@code n % SIZE} of chunk {@code n / SIZE},
 * whose {@code _id} is {@code <meetingId>:<chunk, six digits>}. A registration keeps its place for
 * good; a change of status changes its entry.
 */
final class ArrivalChunk extends ArrivalDocument {

    public static final int SIZE = 200;

    /** One registration's place. */
    public record Entry(UUID registrationId, RegistrationStatus status) {
    }

    private final UUID meetingId;
    private final int number;
    private final List<Entry> entries = new ArrayList<>();

    ArrivalChunk(UUID meetingId, int number) {
        this.meetingId = meetingId;
        this.number = number;
    }

    public static String idOf(UUID meetingId, int number) {
        return "%s:%06d".formatted(meetingId, number);
    }

    static int numberOf(int arrival) {
        return arrival / SIZE;
    }

    @Override
    String id() {
        return idOf(meetingId, number);
    }

    int number() {
        return number;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    int size() {
        return entries.size();
    }

    /** Records the registration that arrived {@code arrival}-th, which is the next place. */
    void arrived(int arrival, UUID registrationId, RegistrationStatus status) {
        if (arrival % SIZE != entries.size()) {
            throw new IllegalStateException("arrival " + arrival + " does not follow the " + entries.size()
                    + " registrations of chunk " + id());
        }
        entries.add(new Entry(registrationId, status));
    }

    void changed(int arrival, RegistrationStatus status) {
        int place = arrival % SIZE;
        entries.set(place, new Entry(entries.get(place).registrationId(), status));
    }

    @Override
    Document toDocument() {
        return new Document("_id", id())
                .append("meetingId", meetingId.toString())
                .append("chunk", number)
                .append("firstArrival", number * SIZE)
                .append("registrations", entries.stream()
                        .map(entry -> new Document("registrationId", entry.registrationId().toString())
                                .append("status", entry.status().name()))
                        .toList())
                .append("sequence", sequence())
                .append("store", store());
    }

    static ArrivalChunk from(Document document) {
        ArrivalChunk chunk = new ArrivalChunk(UUID.fromString(document.getString("meetingId")),
                document.getInteger("chunk"));
        document.getList("registrations", Document.class).forEach(entry -> chunk.entries.add(new Entry(
                UUID.fromString(entry.getString("registrationId")),
                RegistrationStatus.valueOf(entry.getString("status")))));
        chunk.applied(document.getLong("sequence"));
        chunk.writtenFor(document.getString("store"));
        return chunk;
    }
}
