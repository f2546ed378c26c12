package de.participation.localstack;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The MongoDB stand-in ({@code mongo-java-server}): it speaks MongoDB's wire protocol, so the
 * query service talks to it through the real driver, exactly as to a real MongoDB, which cannot be
 * installed on these machines (ARCHITECTURE.md). It lacks change streams, so the query service is
 * told to watch for changes by polling ({@link #environment()}).
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

    /** A stand-in keeping its data in {@code file}, which survives restarts. */
    public static LocalMongo inFile(Path file, int port) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LocalMongo mongo = new LocalMongo(CommittingH2Backend.open(file), port);
        log.info("MongoDB stand-in at {} with data in {}", mongo.uri, file.toAbsolutePath());
        return mongo;
    }

    /** A stand-in in memory, for tests. */
    public static LocalMongo inMemory() {
        return new LocalMongo(new MemoryBackend(), 0);
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
