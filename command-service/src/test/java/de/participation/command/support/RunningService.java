package de.participation.command.support;

import de.participation.command.CommandServiceApplication;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A command-service instance started and stopped by a test, as an operator would run it. */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /** An instance with its own embedded PostgreSQL keeping its files in {@code dataDirectory}. */
    public static RunningService withEmbeddedDatabase(Path dataDirectory) {
        return start("--participation.embedded-postgres.data-directory=" + dataDirectory,
                "--participation.embedded-postgres.fsync=false", "--participation.kafka.enabled=false");
    }

    /** An instance with its embedded PostgreSQL in {@code dataDirectory}, publishing to Kafka. */
    public static RunningService withEmbeddedDatabaseAndKafka(Path dataDirectory, String bootstrapServers) {
        return start("--participation.embedded-postgres.data-directory=" + dataDirectory,
                "--participation.embedded-postgres.fsync=false",
                "--participation.kafka.bootstrap-servers=" + bootstrapServers);
    }

    /** Another instance on the database of {@code first}, as in a scaled-out deployment. */
    public static RunningService sharingDatabaseOf(RunningService first) {
        int port = first.context.getBean(EmbeddedPostgres.class).getPort();
        return start("--spring.datasource.url=jdbc:postgresql://localhost:" + port + "/postgres",
                "--spring.datasource.username=postgres", "--participation.kafka.enabled=false");
    }

    private static RunningService start(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--server.port=0");
        all.addAll(TestTokens.arguments());
        return new RunningService(new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(all.toArray(String[]::new)));
    }

    public Api api() {
        return new Api(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    public StoredEvents storedEvents() {
        return new StoredEvents(jdbc());
    }

    public JdbcTemplate jdbc() {
        return context.getBean(JdbcTemplate.class);
    }

    @Override
    public void close() {
        context.close();
    }
}
