package de.participation.query.webhooks;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Accumulators;
import com.mongodb.client.model.Aggregates;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.PushOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.participation.query.webhooks.Delivery.Attempt;
import de.participation.query.webhooks.Delivery.Status;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The deliveries, in the collection {@value #COLLECTION}: the queue of what is still to be sent,
 * and the delivery log. A delivery is written before the Kafka offset of its event is committed,
 * and marked delivered as soon as its receiver acknowledged it, so a restart neither loses a
 * delivery nor sends an acknowledged one again.
 */
@Component
class Deliveries {

    static final String COLLECTION = "webhook_deliveries";
    /** The attempts a delivery keeps in its log: the latest. */
    static final int KEPT_ATTEMPTS = 20;
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final MongoCollection<Document> collection;

    /** The deliveries pending: in all, and of the one subscription with the most. */
    record Backlog(long total, long largest) {
    }

    Deliveries(MongoDatabase database) {
        this.collection = database.getCollection(COLLECTION);
    }

    /** Indexes for a real MongoDB; the stand-in scans (the queue is short, the log is read rarely). */
    void createIndexes() {
        collection.createIndex(Indexes.ascending("status", "partition"));
        collection.createIndex(Indexes.ascending("webhookId", "createdAt"));
    }

    /** Adds deliveries that are not there yet: one already written (the event read again) stays as it is. */
    void add(Collection<Delivery> deliveries) {
        if (deliveries.isEmpty()) {
            return;
        }
        collection.bulkWrite(deliveries.stream()
                .map(delivery -> new UpdateOneModel<Document>(Filters.eq("_id", delivery.id().toString()),
                        Updates.setOnInsert(delivery.toDocument()), UPSERT))
                .toList(), new BulkWriteOptions().ordered(false));
    }

    /** The deliveries still to be sent of the events in {@code partitions}. */
    List<Delivery> pendingIn(Collection<Integer> partitions) {
        return collection.find(Filters.and(Filters.eq("status", Status.PENDING.name()),
                        Filters.in("partition", partitions)))
                .map(Delivery::of).into(new ArrayList<>());
    }

    /** One aggregation over the pending deliveries (the queue, which is short while receivers keep up). */
    Backlog backlog() {
        long total = 0;
        long largest = 0;
        for (Document subscription : collection.aggregate(List.of(
                Aggregates.match(Filters.eq("status", Status.PENDING.name())),
                Aggregates.group("$webhookId", Accumulators.sum("pending", 1))))) {
            long pending = ((Number) subscription.get("pending")).longValue();
            total += pending;
            largest = Math.max(largest, pending);
        }
        return new Backlog(total, largest);
    }

    Optional<Delivery> find(UUID id) {
        return Optional.ofNullable(collection.find(Filters.eq("_id", id.toString())).first()).map(Delivery::of);
    }

    /** A subscription's deliveries, newest first. */
    List<Delivery> of(UUID webhookId, int offset, int limit) {
        return collection.find(Filters.eq("webhookId", webhookId.toString()))
                .sort(Sorts.orderBy(Sorts.descending("createdAt"), Sorts.descending("sequence")))
                .skip(offset).limit(limit)
                .map(Delivery::of).into(new ArrayList<>());
    }

    long countOf(UUID webhookId) {
        return collection.countDocuments(Filters.eq("webhookId", webhookId.toString()));
    }

    /** The receiver acknowledged the delivery. */
    void delivered(Delivery delivery, Attempt attempt) {
        record(delivery, attempt, Updates.combine(Updates.set("status", Status.DELIVERED.name()),
                Updates.set("deliveredAt", Date.from(attempt.at())), Updates.set("nextAttemptAt", null)));
    }

    /** The attempt failed: try again at {@code next}, or, without one, give up. */
    void attemptFailed(Delivery delivery, Attempt attempt, Optional<Instant> next) {
        record(delivery, attempt, next
                .map(at -> Updates.set("nextAttemptAt", Date.from(at)))
                .orElse(Updates.combine(Updates.set("status", Status.FAILED.name()), Updates.set("nextAttemptAt", null))));
    }

    /** Sends the delivery again as soon as possible, with a fresh round of retries. */
    void retry(Delivery delivery, Instant now) {
        collection.updateOne(Filters.eq("_id", delivery.id().toString()), Updates.combine(
                Updates.set("status", Status.PENDING.name()), Updates.set("roundAttempts", 0),
                Updates.set("nextAttemptAt", Date.from(now))));
    }

    void remove(Delivery delivery) {
        collection.deleteOne(Filters.eq("_id", delivery.id().toString()));
    }

    void removeAllOf(UUID webhookId) {
        collection.deleteMany(Filters.eq("webhookId", webhookId.toString()));
    }

    /** Forgets delivered and failed deliveries created before {@code before}: the log is kept for a while only. */
    void removeFinishedBefore(Instant before) {
        collection.deleteMany(Filters.and(Filters.in("status", Status.DELIVERED.name(), Status.FAILED.name()),
                Filters.lt("createdAt", Date.from(before))));
    }

    private void record(Delivery delivery, Attempt attempt, Bson outcome) {
        collection.updateOne(Filters.eq("_id", delivery.id().toString()), Updates.combine(outcome,
                Updates.inc("roundAttempts", 1),
                Updates.pushEach("attempts", List.of(attempt.toDocument()), new PushOptions().slice(-KEPT_ATTEMPTS))));
    }
}
