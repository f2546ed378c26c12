package de.participation.query.webhooks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The subscriptions, in the collection {@value #COLLECTION}. They are few (a bounded number per
 * owner), so they are read whole; the webhook consumer reads them afresh for every batch that
 * holds an event someone may subscribe to, so a new subscription receives the events from its
 * creation on, on every instance.
 */
@Component
class Subscriptions {

    static final String COLLECTION = "webhook_subscriptions";

    private final MongoCollection<Document> collection;

    Subscriptions(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    void add(Subscription subscription) {
        collection.insertOne(subscription.toDocument());
    }

    boolean exist() {
        return collection.find().limit(1).first() != null;
    }

    List<Subscription> all() {
        return collection.find().map(Subscription::of).into(new ArrayList<>());
    }

    Optional<Subscription> find(UUID id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id.toString())).first()).map(Subscription::of);
    }

    /**
     * Writes {@code secrets} in place of those {@code read} held, unless they changed meanwhile (a
     * rotation, or another instance's upkeep); whether it did.
     */
    boolean replaceSecrets(Subscription read, SigningSecrets secrets) {
        return collection.updateOne(Filters.and(Filters.eq("_id", read.id().toString()), read.secrets().unchanged()),
                secrets.update()).getMatchedCount() == 1;
    }

    /**
     * Changes the secrets of subscription {@code id} as {@code change} says, on a fresh read each
     * time another change came in between; the secrets written, or empty if there is no such subscription.
     */
    Optional<SigningSecrets> changeSecrets(UUID id, Function<Subscription, SigningSecrets> change) {
        while (true) {
            Optional<Subscription> read = find(id);
            if (read.isEmpty()) {
                return Optional.empty();
            }
            SigningSecrets changed = change.apply(read.get());
            if (replaceSecrets(read.get(), changed)) {
                return Optional.of(changed);
            }
        }
    }

    void remove(UUID id) {
        collection.deleteOne(Filters.eq("_id", id.toString()));
    }
}
