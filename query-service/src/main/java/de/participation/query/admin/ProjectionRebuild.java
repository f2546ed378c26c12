package de.participation.query.admin;

import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import de.participation.query.kafka.ProjectionProperties;
import de.participation.query.kafka.QueryKafkaClients;
import de.participation.query.kafka.SkippedRecords;
import de.participation.query.projection.KnownDocuments;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.ProjectionService;
import de.participation.query.projection.StoreIdentity;
import de.participation.query.web.RebuildInProgressException;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.concurrent.ExecutionException;

/**
 * Rebuilds every read model from the whole history without downtime. The next generation is
 * filled beside the live one from offset 0, by the same projection; reads and streams keep using
 * the live generation meanwhile. Once caught up with the topic's head, the live pointer switches
 * ({@link LiveReadModels}); the rebuild then goes on until it has also passed what the live
 * consumers had committed at the switch (a live batch that straddles the switch applies itself
 * to the new generation too), and drops the old generation. One rebuild at a time across all
 * instances: its state lives in MongoDB and is kept fresh by a heartbeat, so a rebuild whose
 * instance died can be replaced, while the live generation never stopped serving.
 */
@Component
public class ProjectionRebuild {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuild.class);
    private static final String REBUILD = "rebuild";
    private static final Duration STATUS_INTERVAL = Duration.ofMillis(500);

    private final LiveReadModels readModels;
    private final ProjectionService projection;
    private final QueryKafkaClients kafka;
    private final ProjectionProperties settings;
    private final StoreIdentity store;
    private final MongoCollection<Document> state;
    private final Duration staleAfter;
    private final SkippedRecords skipped;
    private final Clock clock;

    ProjectionRebuild(LiveReadModels readModels, ProjectionService projection,
                      QueryKafkaClients kafka, ProjectionProperties settings, StoreIdentity store,
                      MongoDatabase database, SkippedRecords skipped, Clock clock,
                      @Value("${participation.rebuild.stale-after}") Duration staleAfter) {
        this.readModels = readModels;
        this.projection = projection;
        this.kafka = kafka;
        this.settings = settings;
        this.store = store;
        this.state = database.getCollection(LiveReadModels.STATE);
        this.skipped = skipped;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /**
     * Starts a rebuild on this instance.
     *
     * @return the rebuild's state document
     * @throws RebuildInProgressException if a rebuild runs (and its heartbeat is fresh)
     */
    public Document start() {
        Document claim = claimSlot(UUID.randomUUID().toString());
        Thread.ofPlatform().name("projection-rebuild").daemon().start(() -> run(claim));
        return claim;
    }

    /** Takes the rebuild slot for a verification; its generation is the scratch one to use. */
    Document claimForVerification() {
        return claimSlot("verification-" + UUID.randomUUID());
    }

    /** Keeps the slot's heartbeat and progress fresh while a verification replays. */
    Consumer<HistoryReplay> progressOf(String rebuildId) {
        return new StatusPublisher(rebuildId)::maybePublish;
    }

    void releaseAfterVerification() {
        state.updateOne(Filters.eq("_id", REBUILD), new Document("$set", new Document("state", "VERIFIED")
                .append("finishedAt", clock.instant().toString())));
    }

    /** The last rebuild's state document, if there ever was one. */
    public Document status() {
        return state.find(Filters.eq("_id", REBUILD)).first();
    }

    /**
     * Takes the one slot for filling the next generation, and clears what an abandoned rebuild
     * may have left in it.
     */
    private Document claimSlot(String rebuildId) {
        long generation = readModels.current().generation() + 1;
        Instant now = clock.instant();
        Document claim = new Document("_id", REBUILD).append("rebuildId", rebuildId)
                .append("generation", generation).append("state", "RUNNING").append("startedAt", now.toString())
                .append("heartbeat", now.toEpochMilli()).append("eventsProjected", 0L);
        if (!claim(claim, now)) {
            Document running = status();
            throw new RebuildInProgressException(running == null ? "?" : running.getString("rebuildId"));
        }
        readModels.drop(generation);
        return claim;
    }

    /** Takes the slot unless a running rebuild (or verification) with a fresh heartbeat holds it. */
    private boolean claim(Document claim, Instant now) {
        try {
            if (state.find(Filters.eq("_id", REBUILD)).first() == null) {
                state.insertOne(claim);
                return true;
            }
            return state.replaceOne(Filters.and(Filters.eq("_id", REBUILD), Filters.or(Filters.ne("state", "RUNNING"),
                    Filters.lt("heartbeat", now.minus(staleAfter).toEpochMilli()))), claim).getModifiedCount() == 1;
        } catch (MongoWriteException anotherInstanceWasFaster) {
            return false;
        }
    }

    private void run(Document claim) {
        String rebuildId = claim.getString("rebuildId");
        long generation = claim.getLong("generation");
        long previous = readModels.current().generation();
        boolean switched = false;
        StatusPublisher status = new StatusPublisher(rebuildId);
        try (HistoryReplay replay = new HistoryReplay(kafka, projection, readModels.generation(generation),
                KnownDocuments.upTo(settings.rememberedBytes().toBytes()).forStore(store.id()), skipped, clock)) {
            log.info("Rebuild {}: projecting the whole history into generation {}", rebuildId, generation);
            replay.untilHead(status::maybePublish);
            readModels.switchTo(generation);
            switched = true;
            replay.sharedFromNowOn();
            replay.untilLiveCommitted(status::maybePublish);
            readModels.drop(previous);
            status.completed(replay);
            log.info("Rebuild {}: generation {} is live, {} events projected", rebuildId, generation,
                    replay.eventsProjected());
        } catch (RuntimeException | ExecutionException | InterruptedException failure) {
            log.error("Rebuild {} failed; generation {} stays live", rebuildId, switched ? generation : previous, failure);
            if (!switched) {
                readModels.drop(generation);
            }
            state.updateOne(Filters.eq("_id", REBUILD), new Document("$set", new Document("state", "FAILED")
                    .append("failure", failure.toString()).append("finishedAt", clock.instant().toString())));
        }
    }

    /** Publishes the rebuild's progress to its state document, at most every {@link #STATUS_INTERVAL}. */
    private final class StatusPublisher {

        private final String rebuildId;
        private long publishedAt;

        StatusPublisher(String rebuildId) {
            this.rebuildId = rebuildId;
        }

        void maybePublish(HistoryReplay replay) {
            if (System.nanoTime() - publishedAt > STATUS_INTERVAL.toNanos()) {
                publish(replay);
            }
        }

        void completed(HistoryReplay replay) {
            publish(replay);
            state.updateOne(Filters.eq("_id", REBUILD), new Document("$set", new Document("state", "COMPLETED")
                    .append("finishedAt", clock.instant().toString())));
        }

        private void publish(HistoryReplay replay) {
            List<Document> partitions = replay.partitionProgress().stream().map(Document::new).toList();
            state.updateOne(Filters.and(Filters.eq("_id", REBUILD), Filters.eq("rebuildId", rebuildId)),
                    new Document("$set", new Document("heartbeat", clock.instant().toEpochMilli())
                            .append("eventsProjected", replay.eventsProjected())
                            .append("eventsParked", replay.eventsParked()).append("partitions", partitions)));
            publishedAt = System.nanoTime();
        }
    }
}
