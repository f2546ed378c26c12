package de.participation.query.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.participation.query.projection.ReadModelDurability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB driver, connected to {@code MONGODB_URI}, or, when none is set, to the embedded
 * wire-protocol stand-in started here (no real mongod can be installed on these machines). The
 * code path is the real driver either way.
 */
@Configuration(proxyBeanMethods = false)
class MongoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(MongoConfiguration.class);

    /**
     * Where the driver connects, and the stand-in if this service runs one (null fields when
     * connected to a real MongoDB). Closed after the client, which depends on it.
     */
    record EmbeddedMongo(MongoServer server, H2Backend fileBackend, String connectionString) implements AutoCloseable {

        @Override
        public void close() {
            if (server != null) {
                server.shutdownNow();
            }
            if (fileBackend != null) {
                fileBackend.close();
            }
        }
    }

    @Bean
    EmbeddedMongo embeddedMongo(MongoProperties properties) {
        if (!properties.embedded()) {
            return new EmbeddedMongo(null, null, properties.uri());
        }
        Path file = properties.embeddedFile();
        H2Backend fileBackend = file == null ? null : new H2Backend(createParent(file).toString());
        MongoServer server = new MongoServer(fileBackend != null ? fileBackend : new MemoryBackend());
        server.bind(new InetSocketAddress("127.0.0.1", properties.embeddedPort()));
        String connectionString = server.getConnectionString();
        log.info("Embedded MongoDB stand-in at {} ({})", connectionString,
                file == null ? "in memory" : "data in " + file.toAbsolutePath());
        return new EmbeddedMongo(server, fileBackend, connectionString);
    }

    @Bean(destroyMethod = "close")
    MongoClient mongoClient(EmbeddedMongo mongo) {
        return MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.connectionString()))
                .applicationName("query-service")
                .build());
    }

    @Bean
    MongoDatabase readModelDatabase(MongoClient client, MongoProperties properties) {
        return client.getDatabase(properties.database()).withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    /** The stand-in's file store batches its commits; flush it before Kafka offsets are committed. */
    @Bean
    ReadModelDurability readModelDurability(EmbeddedMongo mongo) {
        return mongo.fileBackend() == null ? () -> { } : mongo.fileBackend()::commit;
    }

    private static Path createParent(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
