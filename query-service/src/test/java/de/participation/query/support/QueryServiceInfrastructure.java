package de.participation.query.support;

import de.participation.localstack.LocalKafka;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/**
 * What a query-service test class runs against: a real Kafka broker, MongoDB (the stand-in, or
 * the real one named by MONGODB_URI) with a fresh database, the command service's personal-data
 * endpoint, the test issuer's tokens, and a key-encryption key of its own for the webhook secrets.
 */
public final class QueryServiceInfrastructure implements AutoCloseable {

    private final LocalKafka kafka;
    private final TestMongo mongo = TestMongo.start();
    private final TestPersonalDataService personalData = TestPersonalDataService.start();
    private final TestWebhookKeys webhookKeys = new TestWebhookKeys();

    private QueryServiceInfrastructure(LocalKafka kafka) {
        this.kafka = kafka;
    }

    public static QueryServiceInfrastructure start() {
        try {
            return new QueryServiceInfrastructure(LocalKafka.start(Files.createTempDirectory("query-service-it-"), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The service's properties that point at this infrastructure. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("participation.kafka.bootstrap-servers", kafka::bootstrapServers);
        registry.add("participation.mongodb.uri", mongo::uri);
        registry.add("participation.mongodb.database", TestMongo::freshDatabaseName);
        webhookKeys.register(registry);
        TestTokens.register(registry);
        personalData.register(registry);
    }

    /** The same, as command-line arguments of a service started by a test, with its read models in {@code database}. */
    public List<String> arguments(String database) {
        List<String> arguments = new ArrayList<>(List.of(
                "--participation.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--participation.mongodb.uri=" + mongo.uri(),
                "--participation.mongodb.database=" + database));
        arguments.addAll(webhookKeys.arguments());
        arguments.addAll(TestTokens.arguments());
        arguments.addAll(personalData.arguments());
        return arguments;
    }

    public TestMongo mongo() {
        return mongo;
    }

    public LocalKafka kafka() {
        return kafka;
    }

    /** The key-encryption keys the services started here seal the webhook secrets with. */
    public TestWebhookKeys webhookKeys() {
        return webhookKeys;
    }

    public TestPersonalDataService personalData() {
        return personalData;
    }

    @Override
    public void close() {
        kafka.close();
        mongo.close();
        personalData.close();
    }
}
