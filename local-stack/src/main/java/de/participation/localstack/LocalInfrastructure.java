package de.participation.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the services need, on this machine: a Kafka broker, PostgreSQL and the MongoDB stand-in,
 * the first two with their data under one directory ({@code kafka/}, {@code postgres/}: the layout
 * the services used when they started their databases themselves, so an existing DATA_DIR keeps
 * its data). The stand-in keeps the read models in memory ({@link LocalMongo}); the
 * {@code mongo/read-models.mv} file of earlier versions is no longer read. A part named in {@code settings} by its
 * service variable (KAFKA_BOOTSTRAP_SERVERS, SPRING_DATASOURCE_URL, MONGODB_URI) is used instead
 * of starting one here; KAFKA_PORT, EMBEDDED_POSTGRES_PORT and EMBEDDED_MONGO_PORT fix the ports
 * of the parts started here (any free port by default). The broker and the stand-in run in JVMs of
 * their own and PostgreSQL in its own processes, so that each can die, and be started again
 * ({@link #parts()}), on its own, as real servers would.
 */
public final class LocalInfrastructure implements AutoCloseable {

    private static final Duration STARTUP = Duration.ofMinutes(2);

    private final List<AutoCloseable> started = new ArrayList<>();
    private final List<Supervisor.Part> parts = new ArrayList<>();
    private final Map<String, String> serviceEnvironment = new HashMap<>();

    private LocalInfrastructure() {
    }

    public static LocalInfrastructure start(Path dataDirectory, Map<String, String> settings) {
        LocalInfrastructure infrastructure = new LocalInfrastructure();
        try {
            infrastructure.startMissing(dataDirectory, settings);
            return infrastructure;
        } catch (RuntimeException e) {
            infrastructure.close();
            throw e;
        }
    }

    private void startMissing(Path dataDirectory, Map<String, String> settings) {
        if (present(settings, "KAFKA_BOOTSTRAP_SERVERS")) {
            serviceEnvironment.put("KAFKA_BOOTSTRAP_SERVERS", settings.get("KAFKA_BOOTSTRAP_SERVERS"));
        } else {
            int port = port(settings, "KAFKA_PORT");
            ServiceProcess kafka = started(ServiceProcess.startMain("Kafka broker", LocalPartMain.class,
                    List.of("-XX:+UseSerialGC"), List.of("kafka", dataDirectory.resolve("kafka").toString(), Integer.toString(port)), port,
                    log(dataDirectory, "kafka"), STARTUP));
            parts.add(Supervisor.Part.of(kafka));
            serviceEnvironment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + port);
        }
        if (present(settings, "SPRING_DATASOURCE_URL")) {
            copy(settings, "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        } else {
            LocalPostgres postgres = started(LocalPostgres.start(dataDirectory.resolve("postgres"),
                    port(settings, "EMBEDDED_POSTGRES_PORT"), true));
            parts.add(new Supervisor.Part("PostgreSQL", postgres::isRunning, postgres::restart, postgres::pid));
            serviceEnvironment.putAll(LocalPostgres.environmentFor(postgres.jdbcUrl()));
        }
        if (present(settings, "MONGODB_URI")) {
            copy(settings, "MONGODB_URI", "MONGODB_CHANGE_STREAMS");
        } else {
            int port = port(settings, "EMBEDDED_MONGO_PORT");
            // The stand-in holds every read model on its heap (gigabytes at a million registrations):
            // G1 collects it a region at a time, where the serial collector stopped it for seconds,
            // and a pause goal of 20 ms keeps its young collections short (docs/benchmarks.md).
            ServiceProcess mongo = started(ServiceProcess.startMain("MongoDB stand-in", LocalPartMain.class,
                    List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"), List.of("mongo", Integer.toString(port)),
                    port, log(dataDirectory, "mongo"), STARTUP));
            parts.add(Supervisor.Part.of(mongo));
            serviceEnvironment.putAll(Map.of("MONGODB_URI", "mongodb://127.0.0.1:" + port,
                    "MONGODB_CHANGE_STREAMS", "false"));
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

    /** Stops what was started here, in the reverse order. */
    @Override
    public void close() {
        RuntimeException failure = null;
        for (AutoCloseable part : started.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("Could not stop " + part, e) : failure;
            }
        }
        started.clear();
        if (failure != null) {
            throw failure;
        }
    }

    private <T extends AutoCloseable> T started(T part) {
        started.add(part);
        return part;
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
