package de.participation.query.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalWebhookReceiver;
import de.participation.localstack.LocalWebhookReceiver.Received;
import de.participation.query.QueryServiceApplication;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestMongo;
import de.participation.query.support.TestTokens;
import de.participation.web.keys.KeyEncryptionKeyFile;
import de.participation.web.keys.UnknownKeyEncryptionKeyException;
import de.participation.web.keys.WrappedKey;
import de.participation.web.keys.WrappedKeyMismatchException;
import de.participation.web.security.Roles;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Webhook secrets at rest and their rotation, against a real Kafka broker, MongoDB through the
 * real driver and real HTTP receivers on loopback: MongoDB holds no secret anyone could sign
 * with, only one sealed under the query service's own key-encryption key; a secret stored in clear
 * by an earlier version is sealed at start, and a new KEK re-wraps it so that the old KEK can be
 * destroyed; during a rotation each delivery carries both signatures, afterwards only the new one;
 * only the subscription's holder rotates it.
 */
class WebhookSecretsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final String ORGANISATION = "SMK";

    private static QueryServiceInfrastructure infrastructure;
    private static String database;
    private static ConfigurableApplicationContext service;
    private static JsonHttp organiser;
    private static int port;

    @BeforeAll
    static void start() {
        infrastructure = QueryServiceInfrastructure.start();
        database = TestMongo.freshDatabaseName();
        service = startService(database, infrastructure.arguments(database));
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
        organiser = new JsonHttp(port).withBearer(TestTokens.organiser(ORGANISATION));
    }

    @AfterAll
    static void stop() {
        service.close();
        infrastructure.close();
    }

    @Test
    void mongoHoldsTheSecretOnlySealedUnderTheServicesOwnKeyWhichNoOtherKeyOpens() {
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response created = subscribe(receiver.url("/sealed"));
            String secret = created.body().path("secret").asText();
            UUID id = UUID.fromString(created.body().path("webhookId").asText());
            Received delivery = awaitDelivery(receiver, publishMeeting());
            assertThat(delivery.signedWith(secret)).isTrue();

            assertThat(TestMongo.dump(infrastructure.mongo().database(database)))
                    .as("subscriptions and delivery logs").isNotEmpty()
                    .noneSatisfy(document -> assertThat(document).contains("whsec_"))
                    .noneSatisfy(document -> assertThat(document).contains(secret.substring("whsec_".length())));
            WrappedKey sealed = sealedSecret(stored(database, id));
            byte[] context = id.toString().getBytes(StandardCharsets.UTF_8);
            assertThat(KeyEncryptionKeyFile.of(infrastructure.webhookKeys().value()).unwrap(sealed, context))
                    .as("opened with the service's key").isEqualTo(keyOf(secret));
            assertThatThrownBy(() -> KeyEncryptionKeyFile.of(KeyEncryptionKeyFile.newEntry(sealed.kekId()))
                    .unwrap(sealed, context)).as("another key of the same id").isInstanceOf(WrappedKeyMismatchException.class);
            assertThatThrownBy(() -> KeyEncryptionKeyFile.of(KeyEncryptionKeyFile.newEntry("participants-1"))
                    .unwrap(sealed, context)).as("another key").isInstanceOf(UnknownKeyEncryptionKeyException.class);

            assertThat(organiser.get("/api/v1/webhooks/" + id).raw().body()).doesNotContain(secret).doesNotContain("\"secret\"");
            assertThat(organiser.get("/api/v1/webhooks").raw().body()).doesNotContain(secret).doesNotContain("\"secret\"");
            unsubscribe(id);
        }
    }

    @Test
    void duringARotationEachDeliveryCarriesBothSignaturesAndAfterItOnlyTheNewOne() {
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response created = subscribe(receiver.url("/rotated"));
            String first = created.body().path("secret").asText();
            UUID id = UUID.fromString(created.body().path("webhookId").asText());
            String webhook = "/api/v1/webhooks/" + id;

            Response rotated = organiser.post(webhook + "/secret-rotations", "{\"windowSeconds\": 3600}");
            assertThat(rotated.status()).isEqualTo(200);
            String second = rotated.body().path("secret").asText();
            assertThat(second).startsWith("whsec_").isNotEqualTo(first);
            Instant expires = Instant.parse(rotated.body().path("previousSecretExpiresAt").asText());
            assertThat(expires).isCloseTo(Instant.now().plusSeconds(3600), within(Duration.ofSeconds(30)));
            assertThat(Instant.parse(organiser.get(webhook).body().path("previousSecretExpiresAt").asText()))
                    .isEqualTo(expires);
            Received during = awaitDelivery(receiver, publishMeeting());
            String[] signatures = during.signature().split(" ");
            assertThat(signatures).as("the new signature first, then the old one").hasSize(2);
            assertThat(signedAlone(during, signatures[0], second)).isTrue();
            assertThat(signedAlone(during, signatures[1], first)).isTrue();

            assertThat(organiser.delete(webhook + "/previous-secret").status()).as("retired at once").isEqualTo(204);
            assertThat(stored(database, id)).doesNotContainKey("previousSecret");
            assertThat(organiser.get(webhook).body().path("previousSecretExpiresAt").isNull()).isTrue();
            assertOnlySignedWith(awaitDelivery(receiver, publishMeeting()), second, first);
            assertThat(organiser.delete(webhook + "/previous-secret").status()).as("none left").isEqualTo(404);

            Response shortWindow = organiser.post(webhook + "/secret-rotations", "{\"windowSeconds\": 1}");
            String third = shortWindow.body().path("secret").asText();
            await().atMost(PATIENCE).until(() -> !stored(database, id).containsKey("previousSecret"));
            assertThat(organiser.get(webhook).body().path("previousSecretExpiresAt").isNull()).isTrue();
            assertOnlySignedWith(awaitDelivery(receiver, publishMeeting()), third, second);
            unsubscribe(id);
        }
    }

    @Test
    void aSecretStoredInClearIsSealedAtStartAndANewKeyRewrapsItSoThatTheOldKeyCanBeDestroyed() throws IOException {
        String earlierDatabase = TestMongo.freshDatabaseName();
        UUID id = UUID.randomUUID();
        String secret = WebhookSignature.newSecret();
        Path keys = Files.createTempFile("webhook-keks", "");
        Files.writeString(keys, KeyEncryptionKeyFile.newEntry("webhooks-1") + "\n");
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            infrastructure.mongo().database(earlierDatabase).getCollection(Subscriptions.COLLECTION).insertOne(
                    new Document("_id", id.toString()).append("url", receiver.url("/earlier"))
                            .append("events", List.of("registration.confirmed")).append("description", "stored in clear")
                            .append("ownerKind", "ORGANISATION").append("organisation", ORGANISATION)
                            .append("secret", secret).append("createdAt", new Date()));

            try (ConfigurableApplicationContext first = startService(earlierDatabase, withKeysIn(keys, earlierDatabase))) {
                await().atMost(PATIENCE).until(() -> stored(earlierDatabase, id).containsKey("sealedSecret"));
                assertThat(stored(earlierDatabase, id)).doesNotContainKey("secret");
                assertThat(stored(earlierDatabase, id).toJson()).doesNotContain("whsec_");
                assertThat(sealedSecret(stored(earlierDatabase, id)).kekId()).isEqualTo("webhooks-1");
                assertThat(awaitDelivery(receiver, publishMeeting()).signedWith(secret)).isTrue();
            }

            String secondKey = KeyEncryptionKeyFile.newEntry("webhooks-2");
            Files.writeString(keys, secondKey + "\n", StandardOpenOption.APPEND);
            try (ConfigurableApplicationContext second = startService(earlierDatabase, withKeysIn(keys, earlierDatabase))) {
                await().atMost(PATIENCE).until(() -> sealedSecret(stored(earlierDatabase, id)).kekId().equals("webhooks-2"));
                Files.writeString(keys, secondKey + "\n"); // the old key destroyed
                assertThat(KeyEncryptionKeyFile.of(secondKey).unwrap(sealedSecret(stored(earlierDatabase, id)),
                        id.toString().getBytes(StandardCharsets.UTF_8))).isEqualTo(keyOf(secret));
                assertThat(awaitDelivery(receiver, publishMeeting()).signedWith(secret)).isTrue();
            }
        }
    }

    @Test
    void onlyTheHolderRotatesAndRetiresASecretAndBadInputIsRefused() {
        UUID id = UUID.fromString(subscribe("http://127.0.0.1:9/rotations").body().path("webhookId").asText());
        String rotations = "/api/v1/webhooks/" + id + "/secret-rotations";
        String previous = "/api/v1/webhooks/" + id + "/previous-secret";
        JsonHttp otherOrganisation = new JsonHttp(port).withBearer(TestTokens.organiser("SMWA"));
        JsonHttp auditor = new JsonHttp(port).withBearer(TestTokens.withRole(Roles.AUDITOR));
        JsonHttp nobody = new JsonHttp(port);

        assertThat(otherOrganisation.post(rotations, null).status()).as("another organisation's webhook is unknown").isEqualTo(404);
        assertThat(otherOrganisation.delete(previous).status()).isEqualTo(404);
        assertThat(auditor.post(rotations, null).status()).isEqualTo(403);
        assertThat(auditor.delete(previous).status()).isEqualTo(403);
        assertThat(nobody.post(rotations, null).status()).isEqualTo(401);
        assertThat(nobody.delete(previous).status()).isEqualTo(401);
        for (String bad : List.of("{\"windowSeconds\": 0}", "{\"windowSeconds\": 86401}", "{\"windowSeconds\": -5}",
                "{\"windowSeconds\": \"soon\"}", "{\"windowSeconds\": true}", "{")) {
            Response refused = organiser.post(rotations, bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
        }
        assertThat(organiser.post(rotations, "{\"windowSeconds\": 86401}").body().path("errors").get(0).path("field")
                .asText()).isEqualTo("windowSeconds");
        assertThat(organiser.post("/api/v1/webhooks/not-a-webhook/secret-rotations", null).status()).isEqualTo(400);
        assertThat(organiser.post("/api/v1/webhooks/" + UUID.randomUUID() + "/secret-rotations", null).status()).isEqualTo(404);
        assertThat(organiser.delete(previous).status()).as("no rotation yet").isEqualTo(404);

        Response byDefault = organiser.post(rotations, null);
        assertThat(byDefault.status()).isEqualTo(200);
        assertThat(Instant.parse(byDefault.body().path("previousSecretExpiresAt").asText()))
                .as("the previous secret signs for 24 h").isCloseTo(Instant.now().plus(Duration.ofHours(24)), within(Duration.ofSeconds(30)));
        assertThat(new JsonHttp(port).withBearer(TestTokens.withRole(Roles.OPERATOR)).post(rotations, "{\"windowSeconds\": 60}")
                .status()).as("an operator manages every webhook").isEqualTo(200);
        assertThat(organiser.delete(previous).status()).isEqualTo(204);
        unsubscribe(id);
    }

    // ---- helpers ----

    private static ConfigurableApplicationContext startService(String databaseName, List<String> infrastructureArguments) {
        List<String> arguments = new ArrayList<>(infrastructureArguments);
        arguments.addAll(List.of("--server.port=0", "--participation.kafka.group-id=query-" + databaseName,
                "--participation.webhooks.allowed-targets=127.0.0.0/8", "--participation.webhooks.check-every=100ms"));
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    /** The infrastructure's arguments, with the webhook KEKs read from {@code file} instead of given as a value. */
    private static List<String> withKeysIn(Path file, String databaseName) {
        List<String> arguments = new ArrayList<>(infrastructure.arguments(databaseName));
        arguments.removeAll(infrastructure.webhookKeys().arguments());
        arguments.add("--participation.webhooks.key-encryption-keys.file=" + file);
        return arguments;
    }

    private static Response subscribe(String url) {
        try {
            Response created = organiser.post("/api/v1/webhooks", JSON.writeValueAsString(Map.of("url", url,
                    "events", List.of("registration.confirmed"))));
            assertThat(created.status()).isEqualTo(201);
            return created;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unsubscribe(UUID id) {
        assertThat(organiser.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
    }

    /** A meeting of the organisation with one confirmed registration: one delivery to each of its subscriptions. */
    private static UUID publishMeeting() {
        Histories meeting = new Histories(UUID.randomUUID()).scheduledBy(ORGANISATION, 5).registered(UUID.randomUUID());
        try (EventPublisher publisher = new EventPublisher(infrastructure.kafka().bootstrapServers())) {
            publisher.publish(meeting.events());
        }
        return meeting.meetingId();
    }

    private static Received awaitDelivery(LocalWebhookReceiver receiver, UUID meetingId) {
        return await().atMost(PATIENCE).until(() -> receiver.received().stream()
                .filter(received -> subjectOf(received).equals(meetingId.toString())).findFirst(),
                found -> found.isPresent()).orElseThrow();
    }

    private static String subjectOf(Received delivery) {
        try {
            return JSON.readTree(delivery.body()).path("subject").asText();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void assertOnlySignedWith(Received delivery, String secret, String retired) {
        assertThat(delivery.signature()).as("one signature").doesNotContain(" ");
        assertThat(delivery.signedWith(secret)).isTrue();
        assertThat(delivery.signedWith(retired)).isFalse();
    }

    private static boolean signedAlone(Received delivery, String signature, String secret) {
        return new Received(delivery.webhookId(), delivery.timestamp(), signature, delivery.contentType(), delivery.body())
                .signedWith(secret);
    }

    private static Document stored(String databaseName, UUID id) {
        return infrastructure.mongo().database(databaseName).getCollection(Subscriptions.COLLECTION)
                .find(new Document("_id", id.toString())).first();
    }

    private static WrappedKey sealedSecret(Document subscription) {
        Document sealed = subscription.get("sealedSecret", Document.class);
        return new WrappedKey(sealed.getString("kek"), sealed.get("bytes", Binary.class).getData());
    }

    private static byte[] keyOf(String secret) {
        return Base64.getDecoder().decode(secret.substring("whsec_".length()));
    }
}
