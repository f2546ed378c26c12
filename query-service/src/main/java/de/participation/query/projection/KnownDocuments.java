package de.participation.query.projection;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What one writer of the read models remembers between its batches, so that it need not read
 * again what it has just written: the generation it writes and, for as long as that stays the
 * same, the meetings, registrations and arrival documents its last batches wrote, exactly as
 * written. Documents it does not know are read from MongoDB as before.
 *
 * <p>This is sound only while nobody else writes those documents, which the owner ensures by
 * {@link #forget() forgetting}: the live projection's consumers own their partitions, and with them
 * their meetings; a consumer forgets everything when partitions are taken from it or given to it,
 * when it starts again, and the projection forgets when a batch fails (its documents may have been
 * changed in memory without being written) and when the live generation changes. A rebuild
 * remembers only while it is the sole writer of its generation, before the switch.
 *
 * <p>Bounded by an approximate size: the least recently used documents go first, and a document
 * forgotten is simply read again.
 *
 * <p>A writer also names the store it writes for ({@link #forStore}), and stamps that name on the
 * meetings and arrival documents it writes. MongoDB may come back empty while a batch is under way
 * (a store restored from nothing, or the local stack's in-memory stand-in after a restart): that
 * batch, folded from what the writer remembers of the old store, can still land in the new one
 * before the writer notices ({@link StoreIdentity}). Those documents are ahead of the rest of the new
 * store, and the projection from the start that the new store gets would skip events for them. A
 * writer therefore takes a meeting or arrival document stamped for another store as missing, and
 * writes it anew; registrations need no stamp, since a present registration with its own sequence
 * is what a crash between a batch's writes leaves, which the projection heals anyway.
 */
public final class KnownDocuments {

    /** How long the live generation read after a batch serves as the next batch's: see {@link #liveStore}. */
    private static final Duration PIN_FRESHNESS = Duration.ofMillis(100);

    private record Key(char kind, Object id) {
    }

    private final Cache<Key, Object> documents;
    private String store;
    private long generation = -1;
    private ReadModelStore pinned;
    private long pinnedAtNanos;

    private KnownDocuments(long maxBytes) {
        documents = maxBytes == 0 ? null : Caffeine.newBuilder().maximumWeight(maxBytes)
                .weigher(KnownDocuments::approximateBytes).build();
    }

    /** Remembers up to about {@code maxBytes} of documents. */
    public static KnownDocuments upTo(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return new KnownDocuments(maxBytes);
    }

    /** Remembers nothing: every batch reads what it needs. */
    public static KnownDocuments none() {
        return new KnownDocuments(0);
    }

    /**
     * From now on this writer writes for the store with {@code storeId} (see {@link StoreIdentity}):
     * what it remembers of another store is forgotten.
     */
    public KnownDocuments forStore(String storeId) {
        if (!Objects.equals(storeId, store)) {
            forget();
        }
        store = storeId;
        return this;
    }

    /** A writer for the same store that remembers nothing. */
    public KnownDocuments rememberingNothing() {
        return none().forStore(store);
    }

    public void forget() {
        if (documents != null) {
            documents.invalidateAll();
        }
        pinned = null;
    }

    /**
     * The live generation for the next batch: the one read after the last batch if that was less
     * than {@link #PIN_FRESHNESS} ago (a busy projection then reads the pointer once per batch),
     * otherwise as the database says now. Either way the batch checks the pointer again at its end
     * and applies itself to a generation that went live meanwhile ({@link ProjectionService#apply}).
     */
    ReadModelStore liveStore(LiveReadModels readModels) {
        if (pinned == null || System.nanoTime() - pinnedAtNanos > PIN_FRESHNESS.toNanos()) {
            pin(readModels.current());
        }
        return pinned;
    }

    /** The live generation as just read; the documents of another generation are forgotten. */
    void pin(ReadModelStore live) {
        use(live);
        pinned = live;
        pinnedAtNanos = System.nanoTime();
    }

    /** The documents remembered from now on are those of {@code store}'s generation. */
    void use(ReadModelStore store) {
        if (store.generation() != generation && documents != null) {
            documents.invalidateAll();
        }
        generation = store.generation();
    }

    Map<UUID, MeetingReadModel> meetings(ReadModelStore store, Set<UUID> ids) {
        return lookUp('m', store, ids, read -> ownStore(store.meetings(read), meeting -> meeting.store));
    }

    Map<UUID, RegistrationReadModel> registrations(ReadModelStore store, Set<UUID> ids) {
        return lookUp('r', store, ids, store::registrations);
    }

    Map<String, ArrivalDocument> arrivalDocuments(ReadModelStore store, Set<String> ids) {
        return lookUp('a', store, ids, read -> ownStore(store.arrivalDocuments(read), ArrivalDocument::store));
    }

    /** Stamps the meetings and arrival documents of a folded batch with this writer's store. */
    void stamp(MeetingProjector.Outcome folded) {
        folded.meetings().forEach(meeting -> meeting.store = store);
        folded.arrivalOrder().forEach(document -> document.writtenFor(store));
    }

    /**
     * The documents written for this writer's store, or by a writer that named none (before stamps
     * existed); the others are taken as missing.
     */
    private <I, D> Map<I, D> ownStore(Map<I, D> read, Function<D, String> stamp) {
        read.values().removeIf(document -> stamp.apply(document) != null && !stamp.apply(document).equals(store));
        return read;
    }

    /** After a batch's documents were written: they are what the store now holds. */
    void remember(ReadModelStore store, MeetingProjector.Outcome written) {
        if (documents == null || store.generation() != generation) {
            return;
        }
        written.meetings().forEach(meeting -> documents.put(new Key('m', meeting.meetingId()), meeting));
        written.registrations().forEach(registration ->
                documents.put(new Key('r', registration.registrationId()), registration));
        written.arrivalOrder().forEach(document -> documents.put(new Key('a', document.id()), document));
    }

    @SuppressWarnings("unchecked")
    private <I, D> Map<I, D> lookUp(char kind, ReadModelStore store, Set<I> ids,
                                    Function<Collection<I>, Map<I, D>> read) {
        Map<I, D> found = new HashMap<>();
        Set<I> unknown = new HashSet<>();
        for (I id : ids) {
            Object known = documents == null || store.generation() != generation
                    ? null : documents.getIfPresent(new Key(kind, id));
            if (known == null) {
                unknown.add(id);
            } else {
                found.put(id, (D) known);
            }
        }
        if (!unknown.isEmpty()) {
            found.putAll(read.apply(unknown));
        }
        return found;
    }

    /** Roughly what a document takes on the heap, by its kind; an arrival chunk by its entries. */
    private static int approximateBytes(Key key, Object document) {
        return switch (document) {
            case MeetingReadModel meeting -> 4_096;
            case ArrivalChunk chunk -> 256 + 96 * chunk.size();
            default -> 1_024;
        };
    }
}
