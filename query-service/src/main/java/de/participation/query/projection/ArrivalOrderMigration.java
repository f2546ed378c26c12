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
 * Gives the registrations projected before the arrival order existed their places, once, when a
 * generation's store is opened and some registration has none (a store written by this version
 * has none such). Each such meeting's history, which the live projection keeps complete, is folded
 * again, so the arrival documents come out exactly as the projection would have written them. A
 * meeting's arrival documents are written before its registrations' places, and a meeting is
 * migrated again as long as one of its registrations lacks its place, so a migration cut short by a
 * crash is completed at the next start.
 */
final class ArrivalOrderMigration {

    private static final Logger log = LoggerFactory.getLogger(ArrivalOrderMigration.class);
    private static final Document WITHOUT_PLACE = new Document("arrival", new Document("$exists", false));

    private final ReadModelStore store;
    private final MongoCollection<Document> registrations;

    ArrivalOrderMigration(ReadModelStore store, MongoCollection<Document> registrations) {
        this.store = store;
        this.registrations = registrations;
    }

    void migrateIfNeeded() {
        Set<UUID> meetingIds = new TreeSet<>();
        registrations.find(WITHOUT_PLACE).projection(Projections.include("meetingId"))
                .forEach(registration -> meetingIds.add(UUID.fromString(registration.getString("meetingId"))));
        if (meetingIds.isEmpty()) {
            return;
        }
        meetingIds.forEach(this::migrate);
        log.warn("Gave the registrations of {} meetings, projected before the arrival order existed, their places",
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
    }

    /** The meeting's events up to the last one its read model shows, from the shared history. */
    private List<MeetingEventEnvelope> history(UUID meetingId) {
        long last = store.meeting(meetingId).map(MeetingReadModel::sequence).orElse(-1L);
        List<String> chunkIds = LongStream.rangeClosed(0, last / HistoryChunk.SIZE)
                .mapToObj(chunk -> HistoryChunk.idOf(meetingId, chunk * HistoryChunk.SIZE)).toList();
        return store.historyChunks(chunkIds).values().stream()
                .flatMap(chunk -> chunk.events().stream())
                .filter(event -> event.sequence() <= last)
                .sorted(Comparator.comparingLong(MeetingEventEnvelope::sequence))
                .toList();
    }
}
