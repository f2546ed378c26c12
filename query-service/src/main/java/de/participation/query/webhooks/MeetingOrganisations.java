package de.participation.query.webhooks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which organisation each meeting belongs to, as the webhook consumers learn it from
 * {@code MeetingScheduled} (collection {@value #COLLECTION}): an organisation's subscription receives
 * only its own meetings' events. The webhook consumers keep this themselves rather than read the
 * read models, which are projected by another consumer group and may be behind. A meeting's
 * organisation never changes, so what was read once is kept in memory.
 */
@Component
class MeetingOrganisations {

    static final String COLLECTION = "webhook_meeting_organisations";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final int REMEMBERED = 100_000;

    private final MongoCollection<Document> collection;
    private final Map<UUID, String> remembered = new ConcurrentHashMap<>();

    MeetingOrganisations(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    void remember(Map<UUID, String> organisations) {
        if (organisations.isEmpty()) {
            return;
        }
        collection.bulkWrite(organisations.entrySet().stream()
                .map(entry -> new ReplaceOneModel<>(Filters.eq("_id", entry.getKey().toString()),
                        new Document("_id", entry.getKey().toString()).append("organisation", entry.getValue()), UPSERT))
                .toList());
        keep(organisations);
    }

    /** The meeting's organisation; empty if its {@code MeetingScheduled} was never read (unreadable). */
    Optional<String> of(UUID meetingId) {
        String known = remembered.get(meetingId);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<String> stored = Optional.ofNullable(collection.find(Filters.eq("_id", meetingId.toString())).first())
                .map(document -> document.getString("organisation"));
        stored.ifPresent(organisation -> keep(Map.of(meetingId, organisation)));
        return stored;
    }

    private void keep(Map<UUID, String> organisations) {
        if (remembered.size() > REMEMBERED) {
            remembered.clear();
        }
        remembered.putAll(organisations);
    }
}
