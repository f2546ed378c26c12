package de.participation.query.projection;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which generation of the read models is live. Reads follow the live generation; a rebuild fills
 * the next one beside it and then switches this pointer, which every instance sees: readers
 * within {@value #REFRESH_MILLIS} ms, the projection at its next batch (it reads the pointer
 * afresh at the start and the end of every batch). The meetings' history is not part of a
 * generation: it is an append-only copy of the topic that no change of the projection alters, kept
 * by the live projection and shared by all generations, so a rebuild does not rewrite it.
 */
@Component
public class LiveReadModels {

    /** Where the live pointer and the rebuild's state live. */
    public static final String STATE = "projection_state";
    private static final long REFRESH_MILLIS = 500;
    private static final String LIVE = "live";

    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private final Map<Long, ReadModelStore> generations = new ConcurrentHashMap<>();
    private volatile ReadModelStore live;
    private volatile long checkedAt;

    public LiveReadModels(MongoDatabase database) {
        this.database = database;
        this.state = database.getCollection(STATE);
        this.live = current();
    }

    /** The live generation as this instance last saw it (at most {@value #REFRESH_MILLIS} ms ago). */
    public ReadModelStore live() {
        if (System.nanoTime() - checkedAt > Duration.ofMillis(REFRESH_MILLIS).toNanos()) {
            live = current();
        }
        return live;
    }

    /** The live generation as the database says now. */
    public ReadModelStore current() {
        Document pointer = state.find(Filters.eq("_id", LIVE)).first();
        checkedAt = System.nanoTime();
        return generation(pointer == null ? 0 : pointer.getLong("generation"));
    }

    /** The read models of {@code generation}, live or not. */
    public ReadModelStore generation(long generation) {
        return generations.computeIfAbsent(generation, number -> new ReadModelStore(database, number));
    }

    /** Makes {@code generation} the live one, for every instance. */
    public void switchTo(long generation) {
        state.replaceOne(Filters.eq("_id", LIVE), new Document("_id", LIVE).append("generation", generation),
                new ReplaceOptions().upsert(true));
        live = generation(generation);
    }

    /** Drops a generation's collections (one that is no longer or never was live). */
    public void drop(long generation) {
        generations.remove(generation);
        ReadModelStore.collectionNames(generation).forEach(name -> database.getCollection(name).drop());
    }
}
