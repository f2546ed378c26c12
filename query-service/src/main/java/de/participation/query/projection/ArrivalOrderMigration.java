package de.participation.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import de.participation.events.MeetingEventEnvelope;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.LongStream;

/**
 * Brings read models projected before the arrival order existed to its layout, once, when a
 * generation's store is opened: registrations get their places, meetings lose the waiting list
 * they carried and keep its length. Each such meeting's history, which the live projection keeps
 * complete, is folded again, so the documents come out exactly as the projection would have written
 * them. A meeting's arrival documents are written before its registrations' places and its own
 * document last, so a meeting document that still carries its waiting list marks every meeting to
 * migrate, one cut short by a crash included, and the check reads the meetings only, never every
 * registration. A store written by this version has nothing to migrate.
 */
final class ArrivalOrderMigration {

    private static final Logger log = LoggerFactory.getLogger(ArrivalOrderMigration.class);
    private static final Document WITH_WAITING_LIST = new Document("waitingList", new Document("$exists", true));

    private final ReadModelStore store;
    private final MongoCollection<Document> meetings;
    private final MongoCollection<Document> registrations;

    ArrivalOrderMigration(ReadModelStore store, MongoCollection<Document> meetings,
                          MongoCollection<Document> registrations) {
        this.store = store;
        this.meetings = meetings;
        this.registrations = registrations;
    }

    void migrateIfNeeded() {
        Set<UUID> meetingIds = new TreeSet<>();
        meetings.find(WITH_WAITING_LIST).projection(Projections.include("_id"))
                .forEach(meeting -> meetingIds.add(UUID.fromString(meeting.getString("_id"))));
        if (meetingIds.isEmpty()) {
            return;
        }
        meetingIds.forEach(this::migrate);
        log.warn("Brought {} meetings projected before the arrival order existed to its layout",
                meetingIds.size());
    }

    private void migrate(UUID meetingId) {
        MeetingProjector.Outcome folded = new MeetingProjector(new HashMap<>(), new HashMap<>(), new HashMap<>())
                .project(history(meetingId));
        ReadModelStore.replaceAll(store.arrivalOrderCollection(),
                folded.arrivalOrder().stream().map(ArrivalDocument::toDocument).toList());
        Map<UUID, RegistrationReadModel> stored = store.registrations(folded.registrations().stream()
                .map(RegistrationReadModel::registrationId).toList());
        List<Document> placed = folded.registrations().stream()
                .filter(registration -> stored.containsKey(registration.registrationId()))
                .map(registration -> {
                    RegistrationReadModel kept = stored.get(registration.registrationId());
                    kept.arrival = registration.arrival;
                    return kept.toDocument();
                })
                .toList();
        ReadModelStore.replaceAll(registrations, placed);
        ReadModelStore.replaceAll(meetings, folded.meetings().stream().map(MeetingReadModel::toDocument).toList());
    }

    /** The meeting's events up to the last one its read model shows, from the shared history. */
    private List<MeetingEventEnvelope> history(UUID meetingId) {
        Document meeting = meetings.find(new Document("_id", meetingId.toString())).first();
        long last = meeting == null ? -1 : meeting.getLong("sequence");
        List<String> chunkIds = LongStream.rangeClosed(0, last / HistoryChunk.SIZE)
                .mapToObj(chunk -> HistoryChunk.idOf(meetingId, chunk * HistoryChunk.SIZE)).toList();
        return store.historyChunks(chunkIds).values().stream()
                .flatMap(chunk -> chunk.events().stream())
                .filter(event -> event.sequence() <= last)
                .sorted(Comparator.comparingLong(MeetingEventEnvelope::sequence))
                .toList();
    }
}
