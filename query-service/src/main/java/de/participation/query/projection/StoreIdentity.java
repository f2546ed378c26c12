package de.participation.query.projection;

import com.mongodb.MongoWriteException;
import com.mongodb.ErrorCategory;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.UUID;

/**
 * Which store the read models are in. The projection commits its Kafka offsets with this store's
 * id, so that read models written into another store (a MongoDB restored from nothing, or the
 * local stack's in-memory stand-in after a restart) are noticed: a store that is not the one the
 * offsets were committed for starts from the beginning of the history, which the projection
 * replays idempotently into it.
 *
 * <p>The id lives in {@code projection_state} as {@code {_id: "store"}}. A store that had read models
 * before the id existed adopts the offsets committed without one; a store created empty does not.
 */
@Component
public class StoreIdentity {

    private static final String STORE = "store";
    /** How often a projection's store is checked: a replaced store is noticed within this time. */
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final MongoDatabase database;
    private final MongoCollection<Document> state;
    private volatile Document identity;
    private final Duration recheck;
    private volatile long checkedAtNanos = System.nanoTime();

    @Autowired
    public StoreIdentity(MongoDatabase database) {
        this(database, RECHECK);
    }

    StoreIdentity(MongoDatabase database, Duration recheck) {
        this.database = database;
        this.state = database.getCollection(LiveReadModels.STATE);
        this.recheck = recheck;
    }

    /** This store's id, created with the store's first use. */
    public String id() {
        return current().getString("storeId");
    }

    /**
     * Whether offsets committed with {@code committedFor} (the metadata of a committed offset; empty
     * when committed before store ids existed) belong to read models that are not in this store.
     */
    public boolean isOtherThan(String committedFor) {
        Document store = current();
        return committedFor == null || committedFor.isEmpty() ? store.getBoolean("createdEmpty")
                : !committedFor.equals(store.getString("storeId"));
    }

    /**
     * Whether the store is still the one with {@code storeId}, as read at most a second ago
     * ({@link #RECHECK}): after the store was replaced (its state gone with it), a
     * projection that started in the old one must start over. A MongoDB that cannot be reached is
     * no sign of that; the projection waits for it as it does anyway.
     */
    public boolean stillIs(String storeId) {
        return storeId.equals(currentId());
    }

    /**
     * The store's id as read at most a second ago ({@link #RECHECK}): a store replaced since has
     * another. While MongoDB cannot be reached, the id last read.
     */
    public String currentId() {
        if (System.nanoTime() - checkedAtNanos >= recheck.toNanos()) {
            try {
                identity = load();
                checkedAtNanos = System.nanoTime();
            } catch (RuntimeException failure) {
                if (!MongoOutage.is(failure)) {
                    throw failure;
                }
            }
        }
        return current().getString("storeId");
    }

    private Document current() {
        Document known = identity;
        if (known == null) {
            known = load();
            identity = known;
        }
        return known;
    }

    private Document load() {
        Document stored = state.find(Filters.eq("_id", STORE)).first();
        return stored != null ? stored : create();
    }

    private Document create() {
        boolean empty = database.getCollection(ReadModelStore.MEETINGS).estimatedDocumentCount() == 0
                && database.getCollection(ReadModelStore.HISTORY).estimatedDocumentCount() == 0;
        Document created = new Document("_id", STORE).append("storeId", UUID.randomUUID().toString())
                .append("createdEmpty", empty);
        try {
            state.insertOne(created);
            return created;
        } catch (MongoWriteException taken) {
            if (taken.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw taken;
            }
            return state.find(Filters.eq("_id", STORE)).first(); // another instance created it first
        }
    }
}
