package de.participation.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The MongoDB stand-in ({@code mongo-java-server}): it speaks MongoDB's wire protocol, so the
 * query service talks to it through the real driver, exactly as to a real MongoDB, which cannot be
 * installed on these machines (ARCHITECTURE.md). The local stack runs it without change streams
 * (their oplog would hold every write in memory for ever), so the query service is told to watch
 * for changes by polling ({@link #environment()}); the tests run it with them
 * ({@link #inMemoryWithChangeStreams()}), so that the production path runs.
 *
 * <p>It keeps its documents in memory: the library's file store serialises every document it
 * writes with Java serialisation and rewrites whole pages at each commit, which made it the bound
 * of every projection (a rebuild at 5 900 events/s on the file store, 23 900 in memory;
 * docs/benchmarks.md). What it holds is a projection of the events on Kafka: after a restart it is
 * empty, and the query service notices the new store and projects the history into it again (the
 * query service's {@code StoreIdentity}).
 */
public final class LocalMongo implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalMongo.class);

    private final MongoServer server;
    private final MongoBackend backend;
    private final String uri;

    private LocalMongo(MongoBackend backend, int port) {
        this.backend = backend;
        this.server = new MongoServer(backend);
        server.bind(new InetSocketAddress("127.0.0.1", port));
        this.uri = server.getConnectionString();
    }

    /** A stand-in on {@code port} (any free one when 0). */
    public static LocalMongo inMemory(int port) {
        LocalMongo mongo = new LocalMongo(new MemoryBackend(), port);
        log.info("MongoDB stand-in at {}, in memory", mongo.uri);
        return mongo;
    }

    /** A stand-in on a free port, for tests. */
    public static LocalMongo inMemory() {
        return inMemory(0);
    }

    /**
     * A stand-in on a free port that keeps an oplog, so that it has change streams, as the
     * production default of the query service expects: for tests. Its oplog is never truncated
     * (it holds every write for as long as the stand-in runs), which is why the local stack runs
     * without it, and its change documents name no collection.
     */
    public static LocalMongo inMemoryWithChangeStreams() {
        LocalMongo mongo = new LocalMongo(new MemoryBackend(), 0);
        mongo.server.enableOplog();
        log.info("MongoDB stand-in at {}, in memory, with change streams", mongo.uri);
        return mongo;
    }

    public String uri() {
        return uri;
    }

    /** The environment that points the query service at this stand-in. */
    public Map<String, String> environment() {
        return Map.of("MONGODB_URI", uri, "MONGODB_CHANGE_STREAMS", "false");
    }

    @Override
    public void close() {
        server.shutdownNow();
        backend.close();
    }

    @Override
    public String toString() {
        return "MongoDB stand-in at " + uri;
    }
}
