package de.participation.localstack;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.List;

/**
 * The stand-in's H2 database with its unique indexes ordered by {@link KeyValueType}. The library
 * opens an index's map by name with H2's default types; a map that is open already is handed out
 * as it is, so opening it first with this key type is enough. The indexes of existing collections
 * are opened while the library constructs the database, before this class's fields are set: the
 * backend opens those first ({@link #openIndexes}).
 */
final class ComparableKeyH2Database extends H2Database {

    private static final String INDEX_INFIX = "._index_";

    private final MVStore store;

    ComparableKeyH2Database(String databaseName, MVStore store, CursorRegistry cursorRegistry) {
        super(databaseName, openIndexes(store, databaseName), cursorRegistry);
        this.store = store;
    }

    /** Opens the index maps of the database's collections with the comparable key type. */
    private static MVStore openIndexes(MVStore store, String databaseName) {
        store.getMapNames().stream()
                .filter(name -> name.startsWith(databaseName + ".") && name.contains(INDEX_INFIX))
                .forEach(name -> openIndex(store, name));
        return store;
    }

    static boolean isIndex(String mapName) {
        return mapName.contains(INDEX_INFIX);
    }

    static MVMap<KeyValue, Object> openIndex(MVStore store, String mapName) {
        return store.openMap(mapName, new MVMap.Builder<KeyValue, Object>().keyType(new KeyValueType()));
    }

    @Override
    protected Index<Object> openOrCreateUniqueIndex(String collectionName, String indexName, List<IndexKey> keys,
                                                    boolean sparse) {
        if (store != null) { // null while the library's constructor opens the existing indexes, opened already
            // The map's name as the library gives it (H2Database.mapNameForIndex).
            openIndex(store, getFullCollectionNamespace(collectionName) + INDEX_INFIX + indexName);
        }
        return super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse);
    }
}
