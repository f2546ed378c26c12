package de.participation.acceptance;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.LocalKafka;
import de.participation.localstack.LocalSignIn;
import de.participation.localstack.LocalStack;
import de.participation.localstack.Ports;
import de.participation.localstack.ServiceProcess;
import org.bson.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole system as run-local.sh runs it: a real Kafka broker, the command service on its
 * embedded PostgreSQL, and the query service on the embedded MongoDB stand-in (or on the real
 * MongoDB named by MONGODB_URI), each service a JVM started from its built jar.
 */
final class RunningSystem implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STARTUP = Duration.ofMinutes(2);

    /** The organisation whose organiser schedules and reads the meetings of the tests. */
    static final String ORGANISATION = "SMWA";

    private final Path data;
    private final LocalIssuer issuer;
    private final LocalKafka kafka;
    private final ServiceProcess command;
    private final LocalSignIn signIn;
    private final String externalMongoUri = System.getenv("MONGODB_URI");
    private final String database = databaseName();
    private final int queryPort = Ports.free();
    private final int embeddedMongoPort = Ports.free();
    private ServiceProcess query;

    RunningSystem() {
        data = temporaryDirectory();
        issuer = LocalIssuer.in(data.resolve("issuer"));
        kafka = LocalKafka.start(data.resolve("kafka"), 0);
        Map<String, String> environment = new HashMap<>(LocalStack.trusting(issuer));
        environment.put("DATA_DIR", data.toString());
        environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        command = ServiceProcess.start("command-service", ServiceProcess.jar(ROOT, "command-service"), Ports.free(),
                environment, data.resolve("command-service.log"), STARTUP);
        signIn = LocalSignIn.start(issuer, 0, "http://localhost:" + queryPort + "/dashboard");
        startQueryService();
    }

    /** Starts the query service (again), on the same port, data and consumer group. */
    void startQueryService() {
        query = startQueryService(data, queryPort, embeddedMongoPort, database, "query-service", "query-1");
    }

    /** A query service of its own, with its read models in {@code database} at {@code mongoUri}. */
    record Replica(ServiceProcess process, String mongoUri, String database) implements AutoCloseable {

        List<String> readModelDump() {
            return RunningSystem.readModelDump(mongoUri, database);
        }

        @Override
        public void close() {
            process.close();
        }
    }

    /**
     * A second query service that builds read models of its own from the whole topic, in its own
     * consumer group, data directory and database, as a full replay does.
     */
    Replica startReplica() {
        int mongoPort = Ports.free();
        String replicaDatabase = databaseName();
        ServiceProcess process = startQueryService(data.resolve("replica"), Ports.free(), mongoPort, replicaDatabase,
                "query-replica", "replica-1");
        return new Replica(process, mongoUri(mongoPort), replicaDatabase);
    }

    private ServiceProcess startQueryService(Path dataDirectory, int port, int mongoPort, String databaseName,
                                             String group, String instance) {
        Map<String, String> environment = new HashMap<>(LocalStack.trusting(issuer));
        environment.putAll(Map.of(
                "DATA_DIR", dataDirectory.toString(),
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "EMBEDDED_MONGO_PORT", String.valueOf(mongoPort),
                "MONGODB_DATABASE", databaseName,
                "PARTICIPATION_KAFKA_GROUPID", group,
                "QUERY_INSTANCE_ID", instance,
                "COMMAND_SERVICE_URL", command.baseUrl()));
        environment.putAll(LocalStack.signingInAt(signIn));
        return ServiceProcess.start("query-service", ServiceProcess.jar(ROOT, "query-service"), port,
                environment, data.resolve("query-service-" + instance + ".log"), STARTUP);
    }

    private static String databaseName() {
        return "acceptance_" + UUID.randomUUID().toString().replace("-", "");
    }

    String dashboardUrl() {
        return query.baseUrl() + "/dashboard";
    }

    ServiceProcess query() {
        return query;
    }

    /** The command API as an organiser of {@link #ORGANISATION}. */
    JsonHttp organiserCommands() {
        return new JsonHttp(command.baseUrl()).withBearer(issuer.token("organiser", ORGANISATION));
    }

    /** The command API as the portal. */
    JsonHttp portalCommands() {
        return new JsonHttp(command.baseUrl()).withBearer(issuer.token("portal", null));
    }

    /** The read API as an organiser of {@link #ORGANISATION}. */
    JsonHttp queries() {
        return new JsonHttp(query.baseUrl()).withBearer(issuer.token("organiser", ORGANISATION));
    }

    /** The query service as an operator (projection status, rebuild). */
    JsonHttp operatorQueries() {
        return new JsonHttp(query.baseUrl()).withBearer(issuer.token("operator", null));
    }

    /** The read API as the portal. */
    JsonHttp portalQueries() {
        return new JsonHttp(query.baseUrl()).withBearer(issuer.token("portal", null));
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Every read-model document, in a stable order (the query service must be running). */
    List<String> readModelDump() {
        return readModelDump(mongoUri(embeddedMongoPort), database);
    }

    private String mongoUri(int embeddedPort) {
        return externalMongoUri == null || externalMongoUri.isBlank() ? "mongodb://127.0.0.1:" + embeddedPort
                : externalMongoUri;
    }

    private static List<String> readModelDump(String mongoUri, String databaseName) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase readModels = client.getDatabase(databaseName);
            List<String> documents = new ArrayList<>();
            for (String collection : readModels.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
                readModels.getCollection(collection).find().sort(new Document("_id", 1))
                        .forEach(document -> documents.add(collection + ": " + document.toJson()));
            }
            return documents;
        }
    }

    @Override
    public void close() {
        query.close();
        signIn.close();
        command.close();
        kafka.close();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("acceptance-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
