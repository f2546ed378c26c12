package de.participation.acceptance;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.PrometheusScrape;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.LocalKeyEncryptionKeys;
import de.participation.localstack.LocalInfrastructure;
import de.participation.localstack.LocalSignIn;
import de.participation.localstack.LocalStack;
import de.participation.localstack.Ports;
import de.participation.localstack.RunningParts;
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
 * The whole system as run-local.sh runs it: the local infrastructure (a real Kafka broker,
 * PostgreSQL, and the MongoDB stand-in or the real MongoDB named by MONGODB_URI), and each service
 * a JVM started from its built jar.
 */
final class RunningSystem implements AutoCloseable {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Duration STARTUP = Duration.ofMinutes(2);

    /** The organisation whose organiser schedules and reads the meetings of the tests. */
    static final String ORGANISATION = "SMWA";

    private final RunningParts parts = new RunningParts();
    private final Path data;
    private final LocalIssuer issuer;
    private final LocalInfrastructure infrastructure;
    private final ServiceProcess command;
    private final LocalSignIn signIn;
    private final String database = databaseName();
    private final int queryPort = Ports.free();
    private ServiceProcess query;

    /** Starts every part; when one fails, stops those started before it. */
    RunningSystem() {
        data = temporaryDirectory();
        issuer = LocalIssuer.in(data.resolve("issuer"));
        try {
            infrastructure = parts.add(LocalInfrastructure.start(data, externalMongo()));
            Map<String, String> environment = new HashMap<>(LocalStack.trusting(issuer));
            environment.putAll(infrastructure.serviceEnvironment());
            Map<String, String> commandEnvironment = LocalStack.withCommandsFrom("http://localhost:" + queryPort, environment);
            commandEnvironment.putAll(LocalKeyEncryptionKeys.environment(data));
            command = parts.add(ServiceProcess.start("command-service", ServiceProcess.jar(ROOT, "command-service"),
                    Ports.free(), commandEnvironment, data.resolve("command-service.log"), STARTUP));
            signIn = parts.add(LocalSignIn.start(issuer, 0, "http://localhost:" + queryPort + "/dashboard"));
            startQueryService();
        } catch (RuntimeException | Error failure) {
            parts.close();
            throw failure;
        }
    }

    /** Starts the query service (again), on the same port, data and consumer group. */
    void startQueryService() {
        query = parts.add(startQueryService(queryPort, database, "query-service", "query-1"));
    }

    /** A query service of its own, with its read models in {@code database}. */
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
     * consumer group and database, as a full replay does.
     */
    Replica startReplica() {
        String replicaDatabase = databaseName();
        ServiceProcess process = parts.add(startQueryService(Ports.free(), replicaDatabase, "query-replica", "replica-1"));
        return new Replica(process, infrastructure.mongoUri(), replicaDatabase);
    }

    private ServiceProcess startQueryService(int port, String databaseName, String group, String instance) {
        Map<String, String> environment = new HashMap<>(LocalStack.trusting(issuer));
        environment.putAll(infrastructure.serviceEnvironment());
        environment.putAll(Map.of(
                "MONGODB_DATABASE", databaseName,
                "PARTICIPATION_KAFKA_GROUPID", group,
                "QUERY_INSTANCE_ID", instance,
                "COMMAND_SERVICE_URL", command.baseUrl()));
        environment.putAll(LocalStack.WEBHOOKS_TO_THIS_MACHINE);
        environment.putAll(LocalStack.signingInAt(signIn));
        environment.putAll(LocalStack.sendingCommandsTo(command));
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

    /** What the (first) query service has logged so far. */
    String queryServiceLog() {
        try {
            return Files.readString(data.resolve("query-service-query-1.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The command service's {@code /actuator/prometheus}, as a monitoring client reads it. */
    PrometheusScrape commandMetrics() {
        return metricsOf(command.baseUrl());
    }

    /** The query service's {@code /actuator/prometheus}, as a monitoring client reads it. */
    PrometheusScrape queryMetrics() {
        return metricsOf(query.baseUrl());
    }

    private PrometheusScrape metricsOf(String baseUrl) {
        JsonHttp.Response metrics = new JsonHttp(baseUrl).withBearer(issuer.token("monitoring", null))
                .get("/actuator/prometheus");
        if (metrics.status() != 200) {
            throw new AssertionError("/actuator/prometheus of " + baseUrl + " answered " + metrics.status());
        }
        return PrometheusScrape.of(metrics.raw().body());
    }

    /** The command API as an organiser of {@link #ORGANISATION}. */
    JsonHttp organiserCommands() {
        return new JsonHttp(command.baseUrl()).withBearer(issuer.token("organiser", ORGANISATION));
    }

    /** The command API as an operator (erasure). */
    JsonHttp operatorCommands() {
        return new JsonHttp(command.baseUrl()).withBearer(issuer.token("operator", null));
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

    /** The command service as the data protection officer (the personal-data scan). */
    JsonHttp dataProtectionCommands() {
        return new JsonHttp(command.baseUrl()).withBearer(issuer.token("data-protection", null));
    }

    /** The query service as the data protection officer (the personal-data scan). */
    JsonHttp dataProtectionQueries() {
        return new JsonHttp(query.baseUrl()).withBearer(issuer.token("data-protection", null));
    }

    /** The audit API as an auditor. */
    JsonHttp auditorQueries() {
        return new JsonHttp(query.baseUrl()).withBearer(issuer.token("auditor", null));
    }

    /** The read API as the portal. */
    JsonHttp portalQueries() {
        return new JsonHttp(query.baseUrl()).withBearer(issuer.token("portal", null));
    }

    String kafkaBootstrapServers() {
        return infrastructure.kafkaBootstrapServers();
    }

    /** Every read-model document, in a stable order (the query service must be running). */
    List<String> readModelDump() {
        return readModelDump(infrastructure.mongoUri(), database);
    }

    /** The real MongoDB named by MONGODB_URI, if any, instead of the stand-in. */
    private static Map<String, String> externalMongo() {
        String uri = System.getenv("MONGODB_URI");
        return uri == null || uri.isBlank() ? Map.of() : Map.of("MONGODB_URI", uri);
    }

    private static List<String> readModelDump(String mongoUri, String databaseName) {
        try (MongoClient client = MongoClients.create(mongoUri)) {
            MongoDatabase readModels = client.getDatabase(databaseName);
            List<String> documents = new ArrayList<>();
            for (String collection : readModels.listCollectionNames().into(new ArrayList<>()).stream().sorted().toList()) {
                // without the stamp of the store a document was written for, which names the store, not the content
                readModels.getCollection(collection).find().sort(new Document("_id", 1)).forEach(document -> {
                    document.remove("store");
                    documents.add(collection + ": " + document.toJson());
                });
            }
            return documents;
        }
    }

    /** Stops every part, newest first: the query service, the sign-in, the command service, the infrastructure. */
    @Override
    public void close() {
        parts.close();
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("acceptance-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
