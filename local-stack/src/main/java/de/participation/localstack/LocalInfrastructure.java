package de.participation.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the services need, on this machine: a Kafka broker, PostgreSQL and the MongoDB stand-in,
 * the first two with their data under one directory ({@code kafka/}, {@code postgres/}: the layout
 * the services used when they started their databases themselves, so an existing DATA_DIR keeps
 * its data). The query service's key-encryption keys for the webhook secrets are made at first
 * start in {@code keys/webhook-keks} ({@link LocalWebhookKeys}) unless WEBHOOK_KEKS_FILE or
 * WEBHOOK_KEKS name others. The stand-in keeps the read models in memory ({@link LocalMongo}); the
 * {@code mongo/read-models.mv} file of earlier versions is no longer read. A part named in {@code settings} by its
 * service variable (KAFKA_BOOTSTRAP_SERVERS, SPRING_DATASOURCE_URL, MONGODB_URI) is used instead
 * of starting one here; KAFKA_PORT, EMBEDDED_POSTGRES_PORT and EMBEDDED_MONGO_PORT fix the ports
 * of the parts started here (any free port by default). The broker and the stand-in run in JVMs of
 * their own and PostgreSQL in its own processes, so that each can die, and be started again
 * ({@link #parts()}), on its own, as real servers would.
 *
 * <p>A part is handed to the services only once it is proven to be the one started here: the
 * broker's cluster id is the one of its log directory, PostgreSQL serves its data directory, and
 * each port is held by the part's own process ({@link Ports}). When any part fails to start, for
 * whatever reason, every part started before it is stopped again, and so is every part when the
 * infrastructure is closed while it is still starting.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInfrastructure.class);
    private static final Duration STARTUP = Duration.ofMinutes(2);
    private static final String PRIVACY_HASH_KEY = "PRIVACY_HASH_KEY";

    private final Path dataDirectory;
    private final Map<String, String> settings;
    private final RunningParts started = new RunningParts();
    private final List<Supervisor.Part> parts = new CopyOnWriteArrayList<>();
    private final Map<String, String> serviceEnvironment = new ConcurrentHashMap<>();

    /** Infrastructure not yet started: keep it where a stop finds it, then {@link #start()} it. */
    public LocalInfrastructure(Path dataDirectory, Map<String, String> settings) {
        this.dataDirectory = dataDirectory;
        this.settings = Map.copyOf(settings);
    }

    /** Starts what {@code settings} does not point elsewhere; on any failure, stops what it started. */
    public static LocalInfrastructure start(Path dataDirectory, Map<String, String> settings) {
        LocalInfrastructure infrastructure = new LocalInfrastructure(dataDirectory, settings);
        infrastructure.start();
        return infrastructure;
    }

    /** Starts each missing part, in turn; on any failure (an {@link Error} too), stops what it started. */
    public void start() {
        try {
            startMissing();
        } catch (RuntimeException | Error failure) {
            close();
            throw failure;
        }
    }

    private void startMissing() {
        if (present(settings, "KAFKA_BOOTSTRAP_SERVERS")) {
            serviceEnvironment.put("KAFKA_BOOTSTRAP_SERVERS", settings.get("KAFKA_BOOTSTRAP_SERVERS"));
        } else {
            int port = port(settings, "KAFKA_PORT");
            Path logDirectory = dataDirectory.resolve("kafka");
            ServiceProcess kafka = started.add(ServiceProcess.launchMain("Kafka broker", LocalPartMain.class,
                    List.of("-XX:+UseSerialGC"), List.of("kafka", logDirectory.toString(), Integer.toString(port)), port,
                    log(dataDirectory, "kafka"), STARTUP));
            kafka.awaitReady();
            String bootstrapServers = "127.0.0.1:" + port;
            LocalKafka.requireCluster(bootstrapServers, LocalKafka.clusterId(logDirectory));
            parts.add(Supervisor.Part.of(kafka));
            serviceEnvironment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
            log.info("Kafka broker on {}: PLAINTEXT without authentication or ACLs, because it listens on loopback "
                    + "only (docker-compose.yml's broker takes SASL_SSL with ACLs)", bootstrapServers);
        }
        if (present(settings, "SPRING_DATASOURCE_URL")) {
            copy(settings, "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        } else {
            LocalPostgres postgres = started.add(startPostgres());
            parts.add(new Supervisor.Part("PostgreSQL", postgres::isRunning, postgres::restart, postgres::pid));
            serviceEnvironment.putAll(LocalPostgres.environmentFor(postgres.jdbcUrl()));
        }
        if (present(settings, "MONGODB_URI")) {
            copy(settings, "MONGODB_URI", "MONGODB_CHANGE_STREAMS");
        } else {
            int port = port(settings, "EMBEDDED_MONGO_PORT");
            ServiceProcess mongo = started.add(launchMongo(port, List.of(), log(dataDirectory, "mongo")));
            mongo.awaitReady();
            parts.add(Supervisor.Part.of(mongo));
            serviceEnvironment.putAll(Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + port,
                    "MONGODB_CHANGE_STREAMS", "false"));
        }
        if (present(settings, "WEBHOOK_KEKS_FILE") || present(settings, "WEBHOOK_KEKS")) {
            copy(settings, "WEBHOOK_KEKS_FILE", "WEBHOOK_KEKS");
        } else {
            serviceEnvironment.put("WEBHOOK_KEKS_FILE", LocalWebhookKeys.in(dataDirectory).toString());
        }
        serviceEnvironment.put(PRIVACY_HASH_KEY, present(settings, PRIVACY_HASH_KEY) ? settings.get(PRIVACY_HASH_KEY)
                : privacyHashKey(dataDirectory.resolve("privacy-hash-key")));
    }

    /**
     * The key of the services' keyed hashes (rate limits, the scans' audit trail): made once for the
     * data directory, beside the data as only a local stack may keep it, and the same at every start,
     * so that the hashes already kept still match.
     */
    private static String privacyHashKey(Path file) {
        try {
            return Files.readString(LocalSecretFiles.madeOnce(file, () -> {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                return Base64.getEncoder().encodeToString(key);
            })).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the privacy hash key in " + file, e);
        }
    }


    /**
     * The MongoDB stand-in in a JVM of its own on {@code port}, its output going to {@code log}, with
     * {@code extraJvmOptions} (a flight recording, for a benchmark) after its own; returns at once
     * (see {@link ServiceProcess#awaitReady()}).
     */
    public static ServiceProcess launchMongo(int port, List<String> extraJvmOptions, Path log) {
        // The stand-in holds every read model on its heap (gigabytes at a million registrations):
        // G1 collects it a region at a time, where the serial collector stopped it for seconds,
        // and a pause goal of 20 ms keeps its young collections short (docs/benchmarks.md).
        List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"));
        jvmOptions.addAll(extraJvmOptions);
        return ServiceProcess.launchMain("MongoDB stand-in", LocalPartMain.class, jvmOptions,
                List.of("mongo", Integer.toString(port)), port, log, STARTUP);
    }

    /**
     * PostgreSQL runs in this JVM's hands, through its launcher: a failure of any kind (the
     * launcher's first extraction once threw a {@link NoSuchMethodError}) names it.
     */
    private LocalPostgres startPostgres() {
        try {
            return LocalPostgres.startStoppedByOwner(dataDirectory.resolve("postgres"),
                    port(settings, "EMBEDDED_POSTGRES_PORT"));
        } catch (RuntimeException | LinkageError failure) {
            throw new IllegalStateException("The PostgreSQL server could not start: "
                    + (failure instanceof LinkageError ? failure.toString() : failure.getMessage()), failure);
        }
    }

    /** The variables that point both services at this infrastructure. */
    public Map<String, String> serviceEnvironment() {
        return Map.copyOf(serviceEnvironment);
    }

    /** The processes started here, for a supervisor to keep running. */
    List<Supervisor.Part> parts() {
        return List.copyOf(parts);
    }

    public String kafkaBootstrapServers() {
        return serviceEnvironment.get("KAFKA_BOOTSTRAP_SERVERS");
    }

    public String mongoUri() {
        return serviceEnvironment.get("MONGODB_URI");
    }

    public String jdbcUrl() {
        return serviceEnvironment.get("SPRING_DATASOURCE_URL");
    }

    /** Stops what was started here, in the reverse order, also while it is still starting. */
    @Override
    public void close() {
        started.close();
    }

    @Override
    public String toString() {
        return "the infrastructure in " + dataDirectory;
    }

    private void copy(Map<String, String> settings, String... names) {
        for (String name : names) {
            if (present(settings, name)) {
                serviceEnvironment.put(name, settings.get(name));
            }
        }
    }

    private static boolean present(Map<String, String> settings, String name) {
        String value = settings.get(name);
        return value != null && !value.isBlank();
    }

    /** The port a part is told to use: the setting's, or any free one. */
    private static int port(Map<String, String> settings, String name) {
        return present(settings, name) ? Integer.parseInt(settings.get(name)) : Ports.free();
    }

    private static Path log(Path dataDirectory, String part) {
        try {
            Files.createDirectories(dataDirectory.resolve("logs"));
            return dataDirectory.resolve("logs/" + part + ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
