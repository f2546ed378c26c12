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

    void remove(UUID id) {
        collection.deleteOne(Filters.eq("_id", id.toString()));
    }
}
