package de.participation.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the services need, on this machine: a Kafka broker, PostgreSQL and the MongoDB stand-in,
 * each with its data under one directory ({@code kafka/}, {@code postgres/},
 * {@code mongo/read-models.mv}: the layout the services used when they started their databases
 * themselves, so an existing DATA_DIR keeps its data). A part named in {@code settings} by its
 * service variable (KAFKA_BOOTSTRAP_SERVERS, SPRING_DATASOURCE_URL, MONGODB_URI) is used instead
 * of starting one here; KAFKA_PORT, EMBEDDED_POSTGRES_PORT and EMBEDDED_MONGO_PORT fix the ports
 * of the parts started here (any free port by default).
 */
public final class LocalInfrastructure implements AutoCloseable {

    private final List<AutoCloseable> started = new ArrayList<>();
    private LocalPostgres postgres;
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
            LocalKafka kafka = started(LocalKafka.start(dataDirectory.resolve("kafka"), port(settings, "KAFKA_PORT")));
            serviceEnvironment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        }
        if (present(settings, "SPRING_DATASOURCE_URL")) {
            copy(settings, "SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME", "SPRING_DATASOURCE_PASSWORD");
        } else {
            postgres = started(LocalPostgres.start(dataDirectory.resolve("postgres"),
                    port(settings, "EMBEDDED_POSTGRES_PORT"), true));
            serviceEnvironment.putAll(LocalPostgres.environmentFor(postgres.jdbcUrl()));
        }
        if (present(settings, "MONGODB_URI")) {
            copy(settings, "MONGODB_URI", "MONGODB_CHANGE_STREAMS");
        } else {
            LocalMongo mongo = started(LocalMongo.inFile(dataDirectory.resolve("mongo/read-models.mv"),
                    port(settings, "EMBEDDED_MONGO_PORT")));
            serviceEnvironment.putAll(mongo.environment());
        }
    }

    /** The variables that point both services at this infrastructure. */
    public Map<String, String> serviceEnvironment() {
        return Map.copyOf(serviceEnvironment);
    }

    /** The PostgreSQL started here, if one was. */
    public Optional<LocalPostgres> postgres() {
        return Optional.ofNullable(postgres);
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

    private static int port(Map<String, String> settings, String name) {
        return present(settings, name) ? Integer.parseInt(settings.get(name)) : 0;
    }
}
