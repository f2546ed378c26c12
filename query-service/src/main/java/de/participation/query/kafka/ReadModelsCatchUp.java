package de.participation.query.kafka;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.participation.kafka.Topics;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.MongoOutage;
import de.participation.query.projection.StoreIdentity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

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
public class ReadModelsCatchUp implements InitializingBean, DisposableBean {

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
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(2);

    private final QueryKafkaProperties kafka;
    private final StoreIdentity store;
    private final MongoCollection<Document> state;
    private volatile Progress progress;
    private volatile long readAtNanos;
    private Admin admin;

    ReadModelsCatchUp(QueryKafkaProperties kafka, StoreIdentity store, MongoDatabase database) {
        this.kafka = kafka;
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
        endOffsets().forEach((partition, end) -> target.append(Integer.toString(partition.partition()), end));
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
        Map<TopicPartition, OffsetAndMetadata> committed = admin().listConsumerGroupOffsets(kafka.groupId())
                .partitionsToOffsetAndMetadata().get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        long projected = 0;
        long toGo = 0;
        for (String partition : target.keySet()) {
            long end = ((Number) target.get(partition)).longValue();
            OffsetAndMetadata offset = committed.get(new TopicPartition(Topics.MEETING_EVENTS, Integer.parseInt(partition)));
            long position = offset != null && storeId.equals(offset.metadata()) ? offset.offset() : 0;
            projected += Math.min(position, end);
            toGo += Math.max(0, end - position);
        }
        return new Progress(toGo == 0, projected, toGo);
    }

    private Map<TopicPartition, Long> endOffsets() throws ExecutionException, TimeoutException, InterruptedException {
        List<TopicPartition> partitions;
        try {
            partitions = admin().describeTopics(List.of(Topics.MEETING_EVENTS)).allTopicNames()
                    .get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS).get(Topics.MEETING_EVENTS).partitions().stream()
                    .map(partition -> new TopicPartition(Topics.MEETING_EVENTS, partition.partition())).toList();
        } catch (ExecutionException missing) {
            if (missing.getCause() instanceof UnknownTopicOrPartitionException) {
                return Map.of(); // no history yet: nothing to catch up with
            }
            throw missing;
        }
        return admin().listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                        partition -> OffsetSpec.latest()))).all().get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset(),
                        (a, b) -> a, HashMap::new));
    }

    /** One admin client for the catch-up's questions, made when first needed (a caught-up store needs none). */
    private synchronized Admin admin() {
        if (admin == null) {
            admin = Topics.admin(kafka.bootstrapServers());
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(KAFKA_WAIT);
        }
    }
}
