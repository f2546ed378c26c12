package de.participation.query.kafka;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Operators' requests to retry or skip a parked meeting's records. The consumer that owns the
 * meeting's partition carries them out between two batches, so a retry never races the live
 * projection of the same meeting, on whichever instance the request arrived. Requests are few and
 * short-lived: the collection is read whole.
 */
@Component
public class ParkingRequests {

    static final String COLLECTION = "parking_requests";

    public enum Action { RETRY, SKIP }

    public enum State { PENDING, DONE }

    /**
     * @param position the record to skip ({@code partition@offset}); null for a retry
     * @param outcome  after it was carried out: the meeting's state, the events applied, the records still parked
     */
    public record Request(String id, UUID meetingId, Action action, String position, String by, Instant at,
                          State state, Outcome outcome) {
    }

    /** What a request did: the meeting is {@code LIVE} again, or {@code PARKED} behind another record. */
    public record Outcome(String projection, int applied, int stillParked) {
    }

    private final MongoCollection<Document> requests;

    ParkingRequests(MongoDatabase database) {
        this.requests = database.getCollection(COLLECTION);
    }

    public Request ask(UUID meetingId, Action action, String position, String by, Instant at) {
        Request request = new Request(UUID.randomUUID().toString(), meetingId, action, position, by, at, State.PENDING,
                null);
        requests.insertOne(new Document("_id", request.id())
                .append("meetingId", meetingId.toString())
                .append("action", action.name())
                .append("position", position)
                .append("by", by)
                .append("at", Date.from(at))
                .append("state", State.PENDING.name()));
        return request;
    }

    public Optional<Request> find(String id) {
        return Optional.ofNullable(requests.find(Filters.eq("_id", id)).first()).map(ParkingRequests::request);
    }

    /** The pending requests for these meetings, oldest first. */
    List<Request> pendingFor(Set<UUID> meetings) {
        return requests.find(Filters.eq("state", State.PENDING.name())).map(ParkingRequests::request)
                .into(new ArrayList<>()).stream().filter(request -> meetings.contains(request.meetingId()))
                .sorted((one, other) -> one.at().compareTo(other.at())).toList();
    }

    void done(Request request, Outcome outcome) {
        requests.updateOne(Filters.eq("_id", request.id()), Updates.combine(
                Updates.set("state", State.DONE.name()),
                Updates.set("outcome", new Document("projection", outcome.projection())
                        .append("applied", outcome.applied())
                        .append("stillParked", outcome.stillParked()))));
    }

    private static Request request(Document document) {
        Document outcome = document.get("outcome", Document.class);
        return new Request(document.getString("_id"), UUID.fromString(document.getString("meetingId")),
                Action.valueOf(document.getString("action")), document.getString("position"),
                document.getString("by"), document.getDate("at").toInstant(), State.valueOf(document.getString("state")),
                outcome == null ? null : new Outcome(outcome.getString("projection"), outcome.getInteger("applied"),
                        outcome.getInteger("stillParked")));
    }
}
