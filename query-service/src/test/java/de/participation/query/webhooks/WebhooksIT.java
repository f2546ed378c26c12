package de.participation.query.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.events.MeetingCapacityChanged;
import de.participation.events.RegistrationStatus;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.PrometheusScrape;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalWebhookReceiver;
import de.participation.localstack.LocalWebhookReceiver.Received;
import de.participation.query.QueryServiceApplication;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.SseClient;
import de.participation.query.support.TestMongo;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks against a real Kafka broker, MongoDB and real HTTP receivers: signed CloudEvents, in
 * order per meeting and subscriber, at least once and exactly once per {@code webhook-id} for a
 * receiver that comes back, failed after the retries with every attempt listed, retried by hand,
 * across a restart of the sending service, and only to whom the role matrix allows; the service's
 * meters and the trace an event carries, seen by a monitoring client and a span exporter.
 */
class WebhooksIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Nine attempts in about five seconds, then failed. */
    private static final String RETRY_DELAYS = "200ms,200ms,200ms,200ms,200ms,1s,1s,1s";

    private static QueryServiceInfrastructure infrastructure;
    private static ConfigurableApplicationContext service;
    private static JsonHttp portal;
    private static int port;

    @BeforeAll
    static void start() {
        infrastructure = QueryServiceInfrastructure.start();
        service = startService(TestMongo.freshDatabaseName());
        port = portOf(service);
        portal = new JsonHttp(port).withBearer(TestTokens.withRole(Roles.PORTAL));
    }

    @AfterAll
    static void stop() {
        service.close();
        infrastructure.close();
    }

    @Test
    void deliversEachEventSignedAsItsCloudEventInOrderPerMeeting() {
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response created = subscribe(portal, receiver.url("/portal"), List.of("registration.confirmed",
                    "registration.waitlisted", "registration.promoted", "registration.cancelled", "meeting.capacity-changed"));
            assertThat(created.status()).isEqualTo(201);
            assertThat(created.raw().headers().firstValue("Location")).hasValueSatisfying(location ->
                    assertThat(location).endsWith("/api/v1/webhooks/" + created.body().path("webhookId").asText()));
            String secret = created.body().path("secret").asText();
            assertThat(secret).startsWith("whsec_");

            List<Histories> meetings = IntStream.range(0, 3).mapToObj(i -> busyMeeting()).toList();
            publishInterleaved(meetings);

            Set<UUID> ids = meetings.stream().map(Histories::meetingId).collect(Collectors.toSet());
            await().atMost(PATIENCE).until(() -> ofMeetings(receiver, ids).size() == 3 * 9);
            List<Received> received = ofMeetings(receiver, ids);
            assertThat(received).allSatisfy(delivery -> {
                assertThat(delivery.signedWith(secret)).as("signature of %s", delivery.webhookId()).isTrue();
                assertThat(delivery.signedWith("whsec_" + "A".repeat(44))).as("with another secret").isFalse();
                assertThat(delivery.contentType()).startsWith("application/json");
                assertThat(Instant.ofEpochSecond(Long.parseLong(delivery.timestamp())))
                        .isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
            });
            assertThat(received.stream().map(Received::webhookId).distinct()).hasSize(received.size());
            for (Histories meeting : meetings) {
                List<JsonNode> events = bodiesOf(received, meeting.meetingId());
                assertThat(events).extracting(event -> event.path("sequence").asLong())
                        .as("the meeting's events in order, scheduling not delivered")
                        .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
                JsonNode registered = events.getFirst();
                assertThat(registered.path("specversion").asText()).isEqualTo("1.0");
                assertThat(registered.path("type").asText()).endsWith("ParticipantRegistered");
                assertThat(registered.path("id").asText()).isEqualTo(meeting.events().get(1).id());
                assertThat(registered.path("data").path("participant").path("ciphertext").asText()).isNotBlank();
            }
            assertThat(received).noneSatisfy(delivery -> assertThat(delivery.body()).contains("@example.org"));

            JsonNode log = portal.get("/api/v1/webhooks/" + created.body().path("webhookId").asText()
                    + "/deliveries?limit=1000").body();
            JsonNode first = find(log, "eventId", meetings.getFirst().events().get(1).id());
            assertThat(first.path("status").asText()).isEqualTo("DELIVERED");
            assertThat(first.path("event").asText()).isEqualTo("registration.confirmed");
            assertThat(first.path("attempts")).hasSize(1);
            assertThat(first.path("lastAnswer").asText()).isEqualTo("HTTP 204");
            unsubscribe(portal, created);
        }
    }

    @Test
    void anOrganisationReceivesOnlyItsOwnMeetingsAndSeesOnlyItsOwnSubscriptions() {
        JsonHttp organiser = new JsonHttp(port).withBearer(TestTokens.organiser("SMK"));
        JsonHttp otherOrganiser = new JsonHttp(port).withBearer(TestTokens.organiser("SMWA"));
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response created = subscribe(organiser, receiver.url("/smk"), List.of("registration.confirmed"));
            String webhookId = created.body().path("webhookId").asText();
            Histories own = new Histories(UUID.randomUUID()).scheduledBy("SMK", 5).registered(UUID.randomUUID());
            Histories other = new Histories(UUID.randomUUID()).scheduledBy("SMWA", 5).registered(UUID.randomUUID());
            publishInterleaved(List.of(other, own));

            await().atMost(PATIENCE).until(() -> ofMeetings(receiver, Set.of(own.meetingId())).size() == 1);
            Histories marker = new Histories(UUID.randomUUID()).scheduledBy("SMK", 5).registered(UUID.randomUUID());
            publishInterleaved(List.of(marker));
            await().atMost(PATIENCE).until(() -> ofMeetings(receiver, Set.of(marker.meetingId())).size() == 1);
            assertThat(ofMeetings(receiver, Set.of(other.meetingId()))).as("another organisation's meeting").isEmpty();

            assertThat(organiser.get("/api/v1/webhooks").body()).extracting(node -> node.path("webhookId").asText())
                    .containsExactly(webhookId);
            assertThat(otherOrganiser.get("/api/v1/webhooks").body()).extracting(node -> node.path("webhookId").asText())
                    .doesNotContain(webhookId);
            assertThat(otherOrganiser.get("/api/v1/webhooks/" + webhookId).status()).isEqualTo(404);
            assertThat(otherOrganiser.get("/api/v1/webhooks/" + webhookId + "/deliveries").status()).isEqualTo(404);
            assertThat(otherOrganiser.delete("/api/v1/webhooks/" + webhookId).status()).isEqualTo(404);
            assertThat(new JsonHttp(port).withBearer(TestTokens.withRole(Roles.OPERATOR)).get("/api/v1/webhooks").body())
                    .extracting(node -> node.path("webhookId").asText()).contains(webhookId);
            unsubscribe(organiser, created);
            assertThat(organiser.get("/api/v1/webhooks/" + webhookId).status()).isEqualTo(404);
        }
    }

    @Test
    void aReceiverThatIsDownReceivesEveryEventOnceWhenItIsBackWhileTheReadModelsGoOn() {
        JsonHttp organiser = new JsonHttp(port).withBearer(TestTokens.organiser("SMUL"));
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response created = subscribe(organiser, receiver.url("/down"), List.of("registration.confirmed",
                    "registration.waitlisted", "registration.promoted", "registration.cancelled", "meeting.capacity-changed"));
            String webhookId = created.body().path("webhookId").asText();
            receiver.stop();
            Histories meeting = busyMeeting("SMUL");
            publishInterleaved(List.of(meeting));

            await().atMost(PATIENCE).until(() -> deliveries(organiser, webhookId).findValuesAsText("answer").stream()
                    .filter(answer -> answer.equals("could not connect")).count() >= 2);
            assertThat(organiser.get("/api/v1/meetings/" + meeting.meetingId()).body().path("capacity").asInt())
                    .as("the read models are projected while the receiver is down").isEqualTo(3);
            receiver.restart();

            await().atMost(PATIENCE).until(() -> ofMeetings(receiver, Set.of(meeting.meetingId())).size() >= 9
                    && allDelivered(deliveries(organiser, webhookId)));
            List<Received> received = ofMeetings(receiver, Set.of(meeting.meetingId()));
            assertThat(received).extracting(Received::webhookId).doesNotHaveDuplicates().hasSize(9);
            assertThat(bodiesOf(received, meeting.meetingId())).extracting(event -> event.path("sequence").asLong())
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
            unsubscribe(organiser, created);
        }
    }

    @Test
    void aReceiverThatAlwaysFailsEndsFailedWithEveryAttemptListedAndIsRetriedByHand() {
        JsonHttp organiser = new JsonHttp(port).withBearer(TestTokens.organiser("SMJus"));
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            receiver.answer(500);
            Response created = subscribe(organiser, receiver.url("/failing"), List.of("registration.confirmed"));
            String webhookId = created.body().path("webhookId").asText();
            UUID first = UUID.randomUUID();
            UUID second = UUID.randomUUID();
            Histories meeting = new Histories(UUID.randomUUID()).scheduledBy("SMJus", 5).registered(first).registered(second);
            publishInterleaved(List.of(meeting));

            await().atMost(PATIENCE).until(() -> statuses(deliveries(organiser, webhookId)).equals(List.of("FAILED", "FAILED")));
            JsonNode failed = find(deliveries(organiser, webhookId), "eventId", meeting.events().get(1).id());
            assertThat(failed.path("attempts")).hasSize(9)
                    .allSatisfy(attempt -> {
                        assertThat(attempt.path("status").asInt()).isEqualTo(500);
                        assertThat(attempt.path("answer").asText()).isEqualTo("HTTP 500");
                    });
            assertThat(failed.path("lastAnswer").asText()).isEqualTo("HTTP 500");
            assertThat(failed.path("nextAttemptAt").isNull()).isTrue();
            List<Long> sequences = ofMeetings(receiver, Set.of(meeting.meetingId())).stream()
                    .map(received -> body(received).path("sequence").asLong()).toList();
            assertThat(sequences).as("the second waits until the first failed for good")
                    .containsExactly(IntStream.range(0, 18).mapToObj(i -> i < 9 ? 1L : 2L).toArray(Long[]::new));

            receiver.answer(204);
            Response retried = organiser.post("/api/v1/webhooks/" + webhookId + "/deliveries/"
                    + failed.path("deliveryId").asText() + "/retry", "");
            assertThat(retried.status()).isEqualTo(202);
            await().atMost(PATIENCE).until(() -> find(deliveries(organiser, webhookId), "eventId",
                    meeting.events().get(1).id()).path("status").asText().equals("DELIVERED"));
            assertThat(organiser.post("/api/v1/webhooks/" + webhookId + "/deliveries/" + UUID.randomUUID() + "/retry", "")
                    .status()).isEqualTo(404);
            unsubscribe(organiser, created);
        }
    }

    @Test
    void subscriptionsRefuseBadInputInternalAddressesAndCallersWithoutTheRole() {
        JsonHttp organiser = new JsonHttp(port).withBearer(TestTokens.organiser("SK"));
        for (String internal : List.of("http://10.0.0.7/hook", "http://169.254.169.254/latest/meta-data",
                "http://192.168.1.1/", "http://[::1]/", "http://[fd00::1]/", "http://100.64.0.1/", "ftp://example.org/",
                "http://user:secret@example.org/", "hook", "http://nothing.invalid/")) {
            Response refused = subscribe(organiser, internal, List.of("registration.confirmed"));
            assertThat(refused.status()).as(internal).isEqualTo(400);
            assertThat(refused.body().path("code").asText()).isEqualTo("VALIDATION_FAILED");
            assertThat(refused.body().path("errors").get(0).path("field").asText()).isEqualTo("url");
        }
        Response unknownEvent = subscribe(organiser, "http://127.0.0.1:9/", List.of("registration.confirmed", "meeting.moved"));
        assertThat(unknownEvent.status()).isEqualTo(400);
        assertThat(unknownEvent.body().path("errors").get(0).path("field").asText()).isEqualTo("events[1]");
        assertThat(organiser.post("/api/v1/webhooks", "{\"events\":[\"registration.confirmed\"]}").status()).isEqualTo(400);
        assertThat(organiser.post("/api/v1/webhooks", "{\"url\":\"http://127.0.0.1:9/\",\"events\":[]}").status()).isEqualTo(400);
        assertThat(organiser.post("/api/v1/webhooks", "{\"url\":").status()).isEqualTo(400);
        assertThat(new JsonHttp(port).withBearer(TestTokens.withRole(Roles.AUDITOR)).get("/api/v1/webhooks").status())
                .isEqualTo(403);
        assertThat(new JsonHttp(port).get("/api/v1/webhooks").status()).isEqualTo(401);

        List<Response> created = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            created.add(subscribe(organiser, "http://127.0.0.1:9/" + i, List.of("meeting.cancelled")));
        }
        assertThat(created).extracting(Response::status).containsOnly(201);
        Response tooMany = subscribe(organiser, "http://127.0.0.1:9/3", List.of("meeting.cancelled"));
        assertThat(tooMany.status()).isEqualTo(409);
        assertThat(tooMany.body().path("code").asText()).isEqualTo("LIMIT_REACHED");
        created.forEach(subscription -> unsubscribe(organiser, subscription));
    }

    @Test
    void aRestartOfTheSendingServiceNeitherLosesNorRepeatsAnAcknowledgedDelivery() {
        String database = TestMongo.freshDatabaseName();
        ConfigurableApplicationContext first = startService(database);
        JsonHttp operator = new JsonHttp(portOf(first)).withBearer(TestTokens.withRole(Roles.OPERATOR));
        try (first; LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            subscribe(operator, receiver.url("/operator"), List.of("registration.confirmed"));
            Histories meeting = new Histories(UUID.randomUUID()).scheduled(500);
            IntStream.range(0, 60).forEach(i -> meeting.registered(UUID.randomUUID()));
            publishInterleaved(List.of(meeting));
            await().atMost(PATIENCE).until(() -> !ofMeetings(receiver, Set.of(meeting.meetingId())).isEmpty());
            first.close();

            IntStream.range(0, 40).forEach(i -> meeting.registered(UUID.randomUUID()));
            try (EventPublisher publisher = new EventPublisher(infrastructure.kafka().bootstrapServers())) {
                publisher.publish(meeting.events().subList(61, 101));
            }
            try (ConfigurableApplicationContext second = startService(database)) {
                await().atMost(PATIENCE).until(() -> ofMeetings(receiver, Set.of(meeting.meetingId())).size() >= 100);
                List<Received> received = ofMeetings(receiver, Set.of(meeting.meetingId()));
                assertThat(received).extracting(Received::webhookId).doesNotHaveDuplicates().hasSize(100);
                assertThat(bodiesOf(received, meeting.meetingId())).extracting(event -> event.path("sequence").asLong())
                        .containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(Long::valueOf).toList());
            }
        }
    }

    @Test
    void aTracedEventIsProjectedAndDeliveredWithinTheTraceOfTheRequestThatCausedIt() {
        InMemorySpanExporter spans = service.getBean(InMemorySpanExporter.class);
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String requestSpanId = HexFormat.of().formatHex(randomBytes(8));
        try (LocalWebhookReceiver receiver = LocalWebhookReceiver.start()) {
            Response created = subscribe(portal, receiver.url("/traced"), List.of("registration.confirmed"));
            Histories meeting = new Histories(UUID.randomUUID()).scheduled(5)
                    .traced("00-" + traceId + "-" + requestSpanId + "-01").registered(UUID.randomUUID());
            publishInterleaved(List.of(meeting));

            await().atMost(PATIENCE).until(() -> ofMeetings(receiver, Set.of(meeting.meetingId())).size() == 1);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(spans.getFinishedSpanItems())
                    .filteredOn(span -> span.getTraceId().equals(traceId)).extracting(SpanData::getName)
                    .containsOnlyOnce("project event").contains("deliver webhook"));
            assertThat(spans.getFinishedSpanItems()).filteredOn(span -> span.getTraceId().equals(traceId))
                    .as("both continue the request's span").extracting(SpanData::getParentSpanId)
                    .containsOnly(requestSpanId);
            assertThat(service.getBeansOfType(SpanExporter.class)).as("no exporter but the test's without an endpoint")
                    .containsOnlyKeys("spansInMemory");
            unsubscribe(portal, created);
        }
    }

    @Test
    void aMonitoringClientReadsWhatTheProjectionTheReadsAndTheWebhooksDid() {
        JsonHttp monitoring = new JsonHttp(port).withBearer(TestTokens.withRole(Roles.MONITORING));
        JsonHttp operator = new JsonHttp(port).withBearer(TestTokens.withRole(Roles.OPERATOR));
        PrometheusScrape before = scrape(monitoring);
        try (LocalWebhookReceiver up = LocalWebhookReceiver.start(); LocalWebhookReceiver down = LocalWebhookReceiver.start()) {
            Response toUp = subscribe(operator, up.url("/up"), List.of("registration.confirmed"));
            Response toDown = subscribe(operator, down.url("/down"), List.of("registration.confirmed"));
            down.stop();
            Histories meeting = new Histories(UUID.randomUUID()).scheduled(5)
                    .registered(UUID.randomUUID()).registered(UUID.randomUUID()).registered(UUID.randomUUID());
            publishInterleaved(List.of(meeting));
            try (EventPublisher publisher = new EventPublisher(infrastructure.kafka().bootstrapServers())) {
                publisher.publishRaw(UUID.randomUUID().toString(), "{not an event");
            }

            await().atMost(PATIENCE).untilAsserted(() -> {
                PrometheusScrape waiting = scrape(monitoring);
                assertThat(waiting.gauge("participation_webhooks_backlog", "scope", "total"))
                        .as("the stopped receiver's three, one queue").isEqualTo(3);
                assertThat(waiting.gauge("participation_webhooks_backlog", "scope", "largest")).isEqualTo(3);
                assertThat(increase(before, waiting, "participation_webhooks_deliveries_total",
                        "outcome", "connection-failed")).isPositive();
            });
            down.restart();
            await().atMost(PATIENCE).until(() -> ofMeetings(up, Set.of(meeting.meetingId())).size() == 3);
            assertThat(operator.get("/api/v1/meetings/" + meeting.meetingId()).status()).isEqualTo(200);
            assertThat(operator.get("/api/v1/meetings/" + UUID.randomUUID()).status()).isEqualTo(404);

            try (SseClient stream = SseClient.open("http://localhost:" + port + "/api/v1/meetings/"
                    + meeting.meetingId() + "/capacity/stream", TestTokens.withRole(Roles.OPERATOR), null)) {
                assertThat(stream.status()).isEqualTo(200);
                await().atMost(PATIENCE).untilAsserted(() -> {
                    PrometheusScrape after = scrape(monitoring);
                    assertThat(increase(before, after, "participation_projection_events_total",
                            "type", "MeetingScheduled")).isEqualTo(1);
                    assertThat(increase(before, after, "participation_projection_events_total",
                            "type", "ParticipantRegistered")).isEqualTo(3);
                    assertThat(after.gauge("participation_projection_parked", "kind", "events")).isEqualTo(1);
                    assertThat(after.gauge("participation_projection_parked", "kind", "meetings")).isEqualTo(1);
                    assertThat(after.gauge("participation_projection_catching_up")).isZero();
                    assertThat(after.series("participation_projection_lag"))
                            .as("each of the six partitions, all projected").hasSize(6)
                            .allSatisfy(partition -> assertThat(partition.value()).isZero());
                    assertThat(after.series("participation_projection_lag_seconds")).hasSize(6)
                            .allSatisfy(partition -> assertThat(partition.value()).isZero());
                    assertThat(increase(before, after, "participation_reads_seconds_count",
                            "endpoint", "/api/v1/meetings/{meetingId}", "status", "200")).isEqualTo(1);
                    assertThat(increase(before, after, "participation_reads_seconds_count",
                            "endpoint", "/api/v1/meetings/{meetingId}", "status", "404")).isEqualTo(1);
                    assertThat(after.gauge("participation_streams_open")).isEqualTo(1);
                    assertThat(after.gauge("participation_webhooks_backlog", "scope", "total")).isZero();
                    assertThat(after.gauge("participation_webhooks_backlog", "scope", "largest")).isZero();
                    double delivered = increase(before, after, "participation_webhooks_deliveries_total",
                            "outcome", "delivered");
                    assertThat(delivered).as("three to the receiver that was up, and what the other got once back")
                            .isEqualTo(3 + ofMeetings(down, Set.of(meeting.meetingId())).size());
                    assertThat(increase(before, after, "participation_webhooks_attempt_seconds_count"))
                            .as("every attempt that reached the network").isEqualTo(delivered
                                    + increase(before, after, "participation_webhooks_deliveries_total",
                                    "outcome", "connection-failed"));
                });
            }
            unsubscribe(operator, toUp);
            unsubscribe(operator, toDown);
        }
    }

    // ---- helpers ----

    /** Spans the service ends, kept for the trace test (a source of the context, not a scanned configuration). */
    static class SpansInMemory {

        @Bean
        InMemorySpanExporter spansInMemory() {
            return InMemorySpanExporter.create();
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    private static PrometheusScrape scrape(JsonHttp monitoring) {
        Response metrics = monitoring.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        return PrometheusScrape.of(metrics.raw().body());
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.total(name, labels) - before.total(name, labels);
    }

    private static ConfigurableApplicationContext startService(String database) {
        List<String> arguments = new ArrayList<>(infrastructure.arguments(database));
        arguments.addAll(List.of("--server.port=0", "--participation.kafka.group-id=query-" + database,
                "--participation.webhooks.allowed-targets=127.0.0.0/8",
                "--participation.webhooks.retry-delays=" + RETRY_DELAYS, "--participation.webhooks.check-every=100ms",
                "--participation.webhooks.max-per-owner=3",
                // spans reach the test's exporter at once rather than every five seconds
                "--management.tracing.opentelemetry.export.schedule-delay=50ms"));
        return new SpringApplicationBuilder(QueryServiceApplication.class, SpansInMemory.class)
                .run(arguments.toArray(String[]::new));
    }

    private static int portOf(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** Registrations, a waiting list, cancellations that move it up and a capacity change: nine events after scheduling. */
    private static Histories busyMeeting() {
        return busyMeeting(Histories.ORGANISATION);
    }

    private static Histories busyMeeting(String organisation) {
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        UUID c = UUID.randomUUID();
        UUID d = UUID.randomUUID();
        Histories meeting = new Histories(UUID.randomUUID()).scheduledBy(organisation, 2)
                .registered(a).registered(b).waitlisted(c, 1).waitlisted(d, 2)
                .cancelled(a, RegistrationStatus.CONFIRMED).promoted(c, a)
                .cancelled(d, RegistrationStatus.WAITLISTED);
        return meeting.add(new MeetingCapacityChanged(meeting.meetingId(), 2, 3)).registered(UUID.randomUUID());
    }

    private static void publishInterleaved(List<Histories> meetings) {
        int longest = meetings.stream().mapToInt(meeting -> meeting.events().size()).max().orElse(0);
        try (EventPublisher publisher = new EventPublisher(infrastructure.kafka().bootstrapServers())) {
            for (int i = 0; i < longest; i++) {
                int index = i;
                publisher.publish(meetings.stream().filter(meeting -> index < meeting.events().size())
                        .map(meeting -> meeting.events().get(index)).toList());
            }
        }
    }

    private static Response subscribe(JsonHttp caller, String url, List<String> events) {
        try {
            return caller.post("/api/v1/webhooks", JSON.writeValueAsString(Map.of("url", url, "events", events,
                    "description", "Benachrichtigungen")));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void unsubscribe(JsonHttp caller, Response created) {
        assertThat(caller.delete("/api/v1/webhooks/" + created.body().path("webhookId").asText()).status()).isEqualTo(204);
    }

    private static JsonNode deliveries(JsonHttp caller, String webhookId) {
        return caller.get("/api/v1/webhooks/" + webhookId + "/deliveries?limit=1000").body();
    }

    private static List<String> statuses(JsonNode log) {
        List<String> statuses = new ArrayList<>();
        log.forEach(delivery -> statuses.add(delivery.path("status").asText()));
        return statuses;
    }

    private static boolean allDelivered(JsonNode log) {
        return !log.isEmpty() && statuses(log).stream().allMatch("DELIVERED"::equals);
    }

    private static JsonNode find(JsonNode log, String field, String value) {
        for (JsonNode delivery : log) {
            if (delivery.path(field).asText().equals(value)) {
                return delivery;
            }
        }
        throw new AssertionError("no delivery with " + field + " " + value + " in " + log);
    }

    private static List<Received> ofMeetings(LocalWebhookReceiver receiver, Set<UUID> meetingIds) {
        return receiver.received().stream()
                .filter(received -> meetingIds.contains(UUID.fromString(body(received).path("subject").asText())))
                .toList();
    }

    private static List<JsonNode> bodiesOf(List<Received> received, UUID meetingId) {
        return received.stream().map(WebhooksIT::body)
                .filter(event -> event.path("subject").asText().equals(meetingId.toString())).toList();
    }

    private static JsonNode body(Received received) {
        try {
            return JSON.readTree(received.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
