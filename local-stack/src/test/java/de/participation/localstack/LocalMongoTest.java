package de.participation.localstack;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The stand-in keeps what it acknowledged: the query service commits its Kafka offsets once a
 * write is acknowledged, so a write lost afterwards would never be projected again.
 */
class LocalMongoTest {

    @TempDir
    Path directory;

    @Test
    void anAcknowledgedWriteSurvivesAKilledStandIn() throws Exception {
        Path file = directory.resolve("read-models.mv");
        int port = Ports.free();

        Process standIn = startStandIn(file, port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            awaitAnswering(client);
            readModels(client).insertOne(new Document("_id", "meeting-1").append("confirmed", 12));
        }
        standIn.destroyForcibly().waitFor();

        Process restarted = startStandIn(file, port);
        try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
            awaitAnswering(client);
            assertThat(readModels(client).find(new Document("_id", "meeting-1")).first())
                    .isNotNull().containsEntry("confirmed", 12);
        } finally {
            restarted.destroyForcibly().waitFor();
        }
    }

    @Test
    void aFileFromBeforeTheComparableKeyOrderStillFindsEveryDocumentByItsId() {
        Path file = directory.resolve("read-models.mv");
        List<String> ids = IntStream.range(0, 3_000).mapToObj(i -> UUID.randomUUID() + ":" + i).toList();
        MongoServer before = new MongoServer(new H2Backend(file.toString()));
        try (MongoClient client = MongoClients.create(before.bindAndGetConnectionString())) {
            readModels(client).insertMany(ids.stream().map(id -> new Document("_id", id)).toList());
        } finally {
            before.shutdownNow();
        }

        try (LocalMongo reopened = LocalMongo.inFile(file, 0); MongoClient client = MongoClients.create(reopened.uri())) {
            MongoCollection<Document> meetings = readModels(client);
            meetings.insertOne(new Document("_id", "added-after"));

            assertThat(ids).allSatisfy(id -> assertThat(meetings.find(new Document("_id", id)).first()).isNotNull());
            assertThat(meetings.find(Filters.in("_id", ids.subList(100, 300))).into(new ArrayList<>())).hasSize(200);
            assertThat(meetings.find(new Document("_id", "added-after")).first()).isNotNull();
            assertThat(meetings.find(new Document("_id", "never-written")).first()).isNull();
        }
    }

    @Test
    void inMemoryStandInServesTheDriver() {
        try (LocalMongo mongo = LocalMongo.inMemory(); MongoClient client = MongoClients.create(mongo.uri())) {
            readModels(client).insertOne(new Document("_id", "meeting-1"));
            assertThat(readModels(client).countDocuments()).isEqualTo(1);
            assertThat(mongo.environment()).containsEntry("MONGODB_URI", mongo.uri())
                    .containsEntry("MONGODB_CHANGE_STREAMS", "false");
        }
    }

    private static MongoCollection<Document> readModels(MongoClient client) {
        return client.getDatabase("participation").getCollection("meetings")
                .withWriteConcern(WriteConcern.MAJORITY.withJournal(true));
    }

    private static void awaitAnswering(MongoClient client) {
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> client.getDatabase("admin").runCommand(new Document("ping", 1)) != null);
    }

    /** The stand-in in a JVM of its own, so that it can be killed without a chance to flush. */
    private static Process startStandIn(Path file, int port) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LocalPartMain.class.getName(), "mongo", file.toString(),
                String.valueOf(port)).inheritIO().start();
    }
}
