package de.participation.command.support;

import de.participation.command.CommandServiceApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.ArrayList;
import java.util.List;

/** A command-service instance started and stopped by a test, as an operator would run it. */
public final class RunningService implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
    }

    /**
     * An instance on the database at {@code jdbcUrl}, without the Kafka forwarder; {@code more}
     * arguments if any (with key-encryption keys of their own, if they name any; else the tests' KEK).
     */
    public static RunningService on(String jdbcUrl, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl,
                "--participation.kafka.enabled=false"));
        arguments.addAll(List.of(more));
        return start(arguments.toArray(String[]::new));
    }

    /** An instance on the database at {@code jdbcUrl}, publishing to Kafka; {@code more} arguments if any. */
    public static RunningService publishing(String jdbcUrl, String bootstrapServers, String... more) {
        List<String> arguments = new ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl,
                "--participation.kafka.bootstrap-servers=" + bootstrapServers));
        arguments.addAll(List.of(more));
        return start(arguments.toArray(String[]::new));
    }

    private static RunningService start(String... arguments) {
        List<String> all = new ArrayList<>(List.of(arguments));
        all.add("--server.port=0");
        all.add("--participation.privacy.hash-key=" + TestDatabase.HASH_KEY);
        all.addAll(TestTokens.arguments());
        if (all.stream().noneMatch(argument -> argument.contains("key-encryption-keys"))) {
            all.addAll(TestKeyEncryptionKeys.arguments());
        }
        return new RunningService(new SpringApplicationBuilder(CommandServiceApplication.class)
                .run(all.toArray(String[]::new)));
    }

    public Api api() {
        return new Api(port());
    }

    public int port() {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
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
