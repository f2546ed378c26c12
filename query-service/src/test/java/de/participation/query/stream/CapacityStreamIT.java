package de.participation.query.stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.localstack.LocalKafka;
import de.participation.query.QueryServiceApplication;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.SseClient;
import de.participation.query.support.TestMongo;
import de.participation.query.support.TestPersonalDataService;
import de.participation.query.support.TestTokens;
import de.participation.query.support.TestWebhookKeys;
import de.participation.web.security.Roles;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live capacity streams over real HTTP, projected off a real broker, with two query-service
 * instances sharing the work as in a scaled-out deployment.
 */
class CapacityStreamIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalKafka KAFKA = LocalKafka.start(temporaryDirectory(), 0);
    private static final TestMongo MONGO = TestMongo.start();
    private static final TestPersonalDataService PERSONAL_DATA = TestPersonalDataService.start();
    private static final String DATABASE = TestMongo.freshDatabaseName();
    private static final TestWebhookKeys WEBHOOK_KEYS = new TestWebhookKeys();
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    private final EventPublisher publisher = new EventPublisher(KAFKA.bootstrapServers());
    private final String organiser = TestTokens.organiser(Histories.ORGANISATION);

    @BeforeAll
    static void startTwoInstances() {
        first = startInstance("--participation.kafka.instance-id=query-1");
        second = startInstance("--participation.kafka.instance-id=query-2");
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        KAFKA.close();
        MONGO.close();
        PERSONAL_DATA.close();
    }

    /** An instance on the shared broker and database; {@code membership} places it in a consumer group. */
    private static ConfigurableApplicationContext startInstance(String membership) {
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--participation.kafka.bootstrap-servers=" + KAFKA.bootstrapServers(),
                membership,
                "--participation.mongodb.uri=" + MONGO.uri(),
                "--participation.mongodb.database=" + DATABASE,
                "--participation.streams.heartbeat=200ms"));
        arguments.addAll(TestTokens.arguments());
        arguments.addAll(WEBHOOK_KEYS.arguments());
        arguments.addAll(PERSONAL_DATA.arguments());
        return new SpringApplicationBuilder(QueryServiceApplication.class).run(arguments.toArray(String[]::new));
    }

    private static String url(ConfigurableApplicationContext instance, String path) {
        return "http://localhost:" + ((WebServerApplicationContext) instance).getWebServer().getPort() + path;
    }

    private static String meetingStream(ConfigurableApplicationContext instance, UUID meetingId) {
        return url(instance, "/api/v1/meetings/" + meetingId + "/capacity/stream");
    }

    /** Publishes a history and waits until the read side shows all of it. */
    private void projected(Histories history) {
        publisher.publish(history.events());
        long last = history.events().size() - 1;
        await().atMost(Duration.ofSeconds(30)).until(() -> sequenceOf(history.meetingId()) == last);
    }

    private long sequenceOf(UUID meetingId) {
        HttpResponse<String> response = get(url(first, "/api/v1/meetings/" + meetingId), organiser);
        try {
            return response.statusCode() == 200 ? JSON.readTree(response.body()).path("sequence").asLong() : -1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> get(String url, String token) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aStreamStartsWithTheCurrentSummaryAndFollowsEveryChangeWithin250msOfTheReadModel() {
        UUID erika = UUID.randomUUID();
        Histories history = new Histories(UUID.randomUUID()).scheduled(2).registered(erika);
        projected(history);

        try (SseClient stream = SseClient.open(meetingStream(first, history.meetingId()), organiser, null)) {
            assertThat(stream.status()).isEqualTo(200);
            await().until(() -> stream.events().size() == 1);
            assertThat(stream.events().getFirst().data().path("confirmed").asInt()).isEqualTo(1);
            assertThat(stream.events().getFirst().id()).isEqualTo("1");

            publisher.publish(history.registered(UUID.randomUUID()).events().subList(2, 3));
            Instant[] visible = new Instant[1];
            await().pollInterval(Duration.ofMillis(5)).atMost(Duration.ofSeconds(10))
                    .until(() -> sequenceOf(history.meetingId()) == 2 && (visible[0] = Instant.now()) != null);
            await().atMost(Duration.ofSeconds(5)).until(() -> stream.events().size() == 2);

            SseClient.Received change = stream.events().get(1);
            assertThat(change.data().path("confirmed").asInt()).isEqualTo(2);
            assertThat(change.data().path("available").asInt()).isZero();
            assertThat(change.data().path("recentChanges").get(0).path("change").asText()).isEqualTo("REGISTERED");
            assertThat(Duration.between(visible[0], change.at())).isLessThan(Duration.ofMillis(250));
        }
    }

    @Test
    void aChangeProjectedByEitherInstanceReachesTheStreamsOfBoth() {
        List<Histories> meetings = IntStream.range(0, 12)
                .mapToObj(i -> new Histories(UUID.randomUUID()).scheduled(5)).toList();
        meetings.forEach(this::projected);

        try (SseClient onFirst = SseClient.open(url(first, "/api/v1/meetings/capacity/stream"), organiser, null);
             SseClient onSecond = SseClient.open(url(second, "/api/v1/meetings/capacity/stream"), organiser, null)) {
            await().until(() -> meetings.stream().allMatch(m -> onFirst.latestOf(m.meetingId().toString()) != null
                    && onSecond.latestOf(m.meetingId().toString()) != null));
            meetings.forEach(meeting -> publisher.publish(meeting.registered(UUID.randomUUID()).events().subList(1, 2)));

            for (SseClient stream : List.of(onFirst, onSecond)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> meetings.stream().allMatch(meeting ->
                        stream.latestOf(meeting.meetingId().toString()).path("confirmed").asInt() == 1));
            }
        }
    }

    @Test
    void twoHundredStreamsAndAStalledClientDelayNeitherProjectionNorEachOther() throws Exception {
        Histories history = new Histories(UUID.randomUUID()).scheduled(1000);
        projected(history);
        List<SseClient> streams = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            streams.add(SseClient.open(meetingStream(i % 2 == 0 ? first : second, history.meetingId()), organiser, null));
        }
        InputStream stalled = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(meetingStream(first, history.meetingId())))
                .header("Authorization", "Bearer " + organiser).build(), HttpResponse.BodyHandlers.ofInputStream()).body();
        try {
            for (int i = 0; i < 500; i++) {
                history.registered(UUID.randomUUID());
            }
            publisher.publish(history.events().subList(1, 501));

            await().atMost(Duration.ofSeconds(60)).until(() -> sequenceOf(history.meetingId()) == 500);
            await().atMost(Duration.ofSeconds(10)).until(() -> streams.stream().allMatch(stream ->
                    stream.latestOf(history.meetingId().toString()) != null
                    && stream.latestOf(history.meetingId().toString()).path("confirmed").asInt() == 500));
        } finally {
            stalled.close();
            streams.forEach(SseClient::close);
        }

        CapacityStreams onFirst = first.getBean(CapacityStreams.class);
        CapacityStreams onSecond = second.getBean(CapacityStreams.class);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> onFirst.openStreams() == 0 && onSecond.openStreams() == 0);
    }

    @Test
    void stoppingAnInstanceEndsItsStreamsAtOnceInsteadOfWaitingForThem() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(3);
        projected(history);
        // In a group of its own: its stop must not leave partitions of the shared group unassigned
        // until the session times out, which would hold up the other tests' projections.
        ConfigurableApplicationContext third = startInstance("--participation.kafka.group-id=query-service-stopping");
        SseClient stream = SseClient.open(meetingStream(third, history.meetingId()), organiser, null);
        await().until(() -> !stream.events().isEmpty());

        Thread.ofVirtual().start(third::close);

        await().atMost(Duration.ofSeconds(10)).until(stream::ended);
    }

    @Test
    void aReconnectingBrowserGetsTheCurrentStateAgain() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(3).registered(UUID.randomUUID());
        projected(history);

        try (SseClient again = SseClient.open(meetingStream(second, history.meetingId()), organiser, "0")) {
            await().until(() -> !again.events().isEmpty());
            JsonNode current = again.events().getFirst().data();
            assertThat(current.path("sequence").asLong()).isEqualTo(1);
            assertThat(current.path("confirmed").asInt()).isEqualTo(1);
        }
    }

    @Test
    void streamsFollowTheRoles() {
        Histories history = new Histories(UUID.randomUUID()).scheduled(3);
        projected(history);
        String meeting = history.meetingId().toString();

        try (SseClient operator = SseClient.open(url(first, "/api/v1/meetings/capacity/stream"),
                TestTokens.withRole(Roles.OPERATOR), null);
             SseClient otherOrganisation = SseClient.open(url(first, "/api/v1/meetings/capacity/stream"),
                     TestTokens.organiser("STADT-LEIPZIG"), null)) {
            await().until(() -> operator.latestOf(meeting) != null);
            assertThat(otherOrganisation.status()).isEqualTo(200);
            assertThat(otherOrganisation.latestOf(meeting)).isNull();
        }
        assertThat(get(meetingStream(first, history.meetingId()), TestTokens.organiser("STADT-LEIPZIG")).statusCode())
                .isEqualTo(404);
        assertThat(get(meetingStream(first, history.meetingId()), TestTokens.withRole(Roles.PORTAL)).statusCode())
                .isEqualTo(403);
        assertThat(get(meetingStream(first, history.meetingId()), TestTokens.withRole(Roles.AUDITOR)).statusCode())
                .isEqualTo(403);
        assertThat(get(url(first, "/api/v1/meetings/" + meeting + "/waiting-list"), TestTokens.withRole(Roles.OPERATOR))
                .statusCode()).isEqualTo(403);
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("capacity-stream-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
