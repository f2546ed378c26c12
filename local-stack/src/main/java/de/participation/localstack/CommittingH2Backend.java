package de.participation.localstack;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

/**
 * The stand-in's file store, made to keep what it acknowledged and to find documents by their
 * index without serialising keys.
 *
 * <p>H2's store writes its changes to the file in batches, up to a second late, so a write the
 * query service had been told was journaled could be lost with the process. Committing before each
 * answer does what a real MongoDB does for the journaled write concern the query service asks for,
 * so the query service itself needs no flushing of its own.
 *
 * <p>Unique indexes are ordered by {@link KeyValueType} ({@link ComparableKeyH2Database}). A file
 * written before that holds its indexes in H2's serialised order; they are copied into the new
 * order once, when the file is opened, and a marker in the file records that it was done.
 */
final class CommittingH2Backend extends H2Backend {

    private static final Logger log = LoggerFactory.getLogger(CommittingH2Backend.class);
    private static final String LAYOUT = "participation.layout";
    private static final String INDEX_ORDER = "indexKeyOrder";
    private static final String COMPARABLE = "KeyValueType";
    private static final String REORDERING = ".reordering";

    private CommittingH2Backend(MVStore store) {
        super(store);
    }

    static CommittingH2Backend open(Path file) {
        MVStore store = MVStore.open(file.toAbsolutePath().toString());
        orderIndexesByComparableKeys(store);
        return new CommittingH2Backend(store);
    }

    private static void orderIndexesByComparableKeys(MVStore store) {
        MVMap<String, String> layout = store.openMap(LAYOUT);
        if (COMPARABLE.equals(layout.get(INDEX_ORDER))) {
            return;
        }
        List<String> names = store.getMapNames().stream().filter(ComparableKeyH2Database::isIndex).toList();
        names.stream().filter(name -> name.endsWith(REORDERING)).forEach(store::removeMap);
        List<String> indexes = names.stream().filter(name -> !name.endsWith(REORDERING)).toList();
        for (String name : indexes) {
            MVMap<Object, Object> serialisedOrder = store.openMap(name);
            MVMap<KeyValue, Object> comparableOrder = ComparableKeyH2Database.openIndex(store, name + REORDERING);
            serialisedOrder.forEach((key, position) -> comparableOrder.put((KeyValue) key, position));
            store.removeMap(serialisedOrder);
            store.renameMap(comparableOrder, name);
        }
        layout.put(INDEX_ORDER, COMPARABLE);
        store.commit();
        if (!indexes.isEmpty()) {
            log.info("Ordered the {} indexes of the stand-in's file by comparable keys", indexes.size());
        }
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return new ComparableKeyH2Database(databaseName, getMvStore(), getCursorRegistry());
    }

    @Override
    public Document handleCommand(Channel channel, String databaseName, String command, Document query) {
        Document answer = super.handleCommand(channel, databaseName, command, query);
        if (getMvStore().hasUnsavedChanges()) {
            commit();
        }
        return answer;
    }
}
