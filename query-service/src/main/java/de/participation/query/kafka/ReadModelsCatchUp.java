package de.participation.query.kafka;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.MongoOutage;
import de.participation.query.projection.StoreIdentity;
import org.apache.kafka.common.KafkaException;
import org.bson.Document;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Whether the read models may be served. A store that is new or replaced (a MongoDB restored from
 * nothing, the local stack's in-memory stand-in after a restart: {@link StoreIdentity}) holds only
 * part of the history while the projection replays it; served then, it would answer 404 for
 * meetings that exist, short lists and low counts, and nothing would say so. So the end offsets
 * of the topic at the moment such a store is first seen are its target, kept in
 * {@code projection_state} beside the store's id, where every instance reads the same; until the
 * projection has committed offsets past it for this store, the store is catching up, and reads
 * answer 503 {@code READ_MODELS_CATCHING_UP} with the progress. Once reached, the store is marked
 * caught up for good, and no read asks Kafka again: a store that falls behind later (Kafka away,
 * a burst) is behind, not wrong, and reads that must see a write wait for it ({@code minSequence}).
 */
@Component
public class ReadModelsCatchUp implements InitializingBean {

    /**
     * Where the read models stand.
     *
     * @param caughtUp        whether they may be served
     * @param eventsProjected events of the target projected into this store (null while unknown)
     * @param eventsToGo      events still to project before they may be served (null while unknown)
     */
    public record Progress(boolean caughtUp, Long eventsProjected, Long eventsToGo) {

        static final Progress UNKNOWN = new Progress(false, null, null);
        static final Progress CAUGHT_UP = new Progress(true, null, 0L);

        public String state() {
            return caughtUp ? "LIVE" : "CATCHING_UP";
        }
    }

    private static final String CATCH_UP = "catchUp";
    /** How long a reading of the progress serves: the catch-up ends for readers at most this much late. */
    private static final Duration RECHECK = Duration.ofMillis(500);

    private final ProjectionOffsets offsets;
    private final StoreIdentity store;
    private final MongoCollection<Document> state;
    private volatile Progress progress;
    private volatile long readAtNanos;

    ReadModelsCatchUp(ProjectionOffsets offsets, StoreIdentity store, MongoDatabase database) {
        this.offsets = offsets;
        this.store = store;
        this.state = database.getCollection(LiveReadModels.STATE);
    }

    /**
     * Reads the store and its target once before the service answers: a store found new at the
     * start is measured against the history as it was then, not as it is at the first read.
     * Without MongoDB or Kafka, the first read does it.
     */
    @Override
    public void afterPropertiesSet() {
        try {
            progress();
        } catch (RuntimeException failure) {
            if (!MongoOutage.is(failure)) {
                throw failure;
            }
        }
    }

    /** The progress as read at most {@link #RECHECK} ago. */
    public Progress progress() {
        if (progress == null || System.nanoTime() - readAtNanos >= RECHECK.toNanos()) {
            refresh();
        }
        return progress;
    }

    private synchronized void refresh() {
        if (progress != null && System.nanoTime() - readAtNanos < RECHECK.toNanos()) {
            return; // another reader refreshed it while this one waited
        }
        progress = read();
        readAtNanos = System.nanoTime();
    }

    private Progress read() {
        String storeId = store.currentId();
        Document catchUp = state.find(Filters.eq("_id", CATCH_UP)).first();
        if (catchUp != null && storeId.equals(catchUp.getString("storeId")) && catchUp.getBoolean("caughtUp", false)) {
            return Progress.CAUGHT_UP;
        }
        try {
            if (catchUp == null || !storeId.equals(catchUp.getString("storeId"))) {
                catchUp = recordTarget(storeId);
            }
            Progress measured = measure(storeId, catchUp.get("target", Document.class));
            if (!measured.caughtUp()) {
                return measured;
            }
            state.updateOne(Filters.and(Filters.eq("_id", CATCH_UP), Filters.eq("storeId", storeId)),
                    Updates.set("caughtUp", true));
            return Progress.CAUGHT_UP;
        } catch (ExecutionException | TimeoutException | KafkaException kafkaAway) {
            return Progress.UNKNOWN; // what the history holds cannot be known now
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Progress.UNKNOWN;
        }
    }

    /** The topic's end offsets now become the new store's target; the first instance to write it wins. */
    private Document recordTarget(String storeId) throws ExecutionException, TimeoutException, InterruptedException {
        Document target = new Document();
        offsets.ends().forEach((partition, end) -> target.append(Integer.toString(partition.partition()), end));
        Document catchUp = new Document("_id", CATCH_UP).append("storeId", storeId).append("target", target)
                .append("caughtUp", false);
        try {
            state.deleteOne(Filters.and(Filters.eq("_id", CATCH_UP), Filters.ne("storeId", storeId)));
            state.insertOne(catchUp);
            return catchUp;
        } catch (MongoWriteException taken) {
            if (taken.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw taken;
            }
            return state.find(Filters.eq("_id", CATCH_UP)).first();
        }
    }

    /** How far the offsets committed for this store are towards the target. */
    private Progress measure(String storeId, Document target)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<Integer, Long> committed = offsets.committed(storeId);
        long projected = 0;
        long toGo = 0;
        for (String partition : target.keySet()) {
            long end = ((Number) target.get(partition)).longValue();
            long position = committed.getOrDefault(Integer.parseInt(partition), 0L);
            projected += Math.min(position, end);
            toGo += Math.max(0, end - position);
        }
        return new Progress(toGo == 0, projected, toGo);
    }
}
