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
 * installed on these machines (ARCHITECTURE.md). It lacks change streams, so the query service is
 * told to watch for changes by polling ({@link #environment()}).
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
