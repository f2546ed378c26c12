package de.participation.command.forwarding;

import de.participation.command.support.Api;
import de.participation.command.support.RunningService;
import de.participation.command.support.StoredEvents;
import de.participation.command.support.TestDataDirectory;
import de.participation.command.support.TestDatabase;
import de.participation.command.support.TestTokens;
import de.participation.command.support.TopicReader;
import de.participation.command.support.TopicReader.Published;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingEventTypes;
import de.participation.events.ParticipantRegistered;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalKafka;
import de.participation.localstack.PrometheusScrape;
import de.participation.web.security.Roles;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every stored event reaches the real broker, in order per meeting, as a CloudEvent, also those
 * stored just before the service stops; and what an operator sees of that: the domain's metrics at
 * /actuator/prometheus, and one trace from the request through its batch's commit to the send to
 * Kafka (spans kept in memory, every request sampled).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability
@Import(KafkaForwardingIT.SpansInMemory.class)
class KafkaForwardingIT {

    private static final LocalKafka KAFKA = LocalKafka.start(TestDataDirectory.create(), 0);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("participation.kafka.enabled", () -> "true");
        registry.add("participation.kafka.bootstrap-servers", KAFKA::bootstrapServers);
        registry.add("management.tracing.sampling.probability", () -> "1.0");
        registry.add("management.tracing.opentelemetry.export.schedule-delay", () -> "50ms");
        // Deadlines stay in their tables while the test counts them.
        registry.add("participation.offers.check-every", () -> "1h");
        registry.add("participation.retention.check-every", () -> "1h");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class SpansInMemory {
        @Bean
        InMemorySpanExporter spans() {
            return InMemorySpanExporter.create();
        }
    }

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    InMemorySpanExporter spans;
    @Autowired
    JdbcTemplate jdbc;

    private final TopicReader topic = new TopicReader(KAFKA.bootstrapServers());

    @Test
    void everyEventOfAMeetingIsPublishedInOrderAsACloudEvent() {
        Api api = new Api(port);
        UUID meetingId = UUID.randomUUID();
        api.post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Regionen-Workshop", "location": "Meißen",
                 "startsAt": "2099-06-03T10:00:00+02:00", "capacity": 1}""".formatted(meetingId),
                "X-Correlation-Id", "schedule-1");
        UUID erika = UUID.randomUUID();
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
        api.register(meetingId, UUID.randomUUID(), "Max Mustermann", "max@example.org");
        api.cancelRegistration(meetingId, erika);

        await().atMost(Duration.ofSeconds(30)).until(() -> topic.recordsOf(meetingId).size() >= 5);

        List<Published> published = topic.recordsOf(meetingId);
        assertThat(published).extracting(p -> p.envelope().sequence()).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(published).extracting(p -> p.envelope().type()).containsExactly(
                "de.participation.meeting.MeetingScheduled", "de.participation.meeting.ParticipantRegistered",
                "de.participation.meeting.ParticipantWaitlisted", "de.participation.meeting.RegistrationCancelled",
                "de.participation.meeting.WaitlistedParticipantPromoted");
        assertThat(published).extracting(p -> p.record().partition()).containsOnly(published.getFirst().record().partition());
        assertThat(published).allSatisfy(p -> {
            assertThat(p.envelope().specversion()).isEqualTo("1.0");
            assertThat(p.envelope().subject()).isEqualTo(meetingId.toString());
            assertThat(p.envelope().schemaversion())
                    .isEqualTo(MeetingEventTypes.schemaVersionOf(p.envelope().data().getClass()));
            assertThat(new String(p.record().headers().lastHeader("content-type").value(), StandardCharsets.UTF_8))
                    .startsWith("application/cloudevents+json");
        });
        MeetingEventEnvelope scheduled = published.getFirst().envelope();
        assertThat(scheduled.correlationid()).isEqualTo("schedule-1");
        assertThat(scheduled.issuedby()).isEqualTo("organiser-smwa");
        ParticipantRegistered registered = (ParticipantRegistered) published.get(1).envelope().data();
        assertThat(registered.registrationId()).isEqualTo(erika);
        assertThat(registered.participant().ciphertext()).isNotBlank();
        assertThat(published).extracting(p -> p.record().value())
                .noneMatch(value -> value.contains("erika@example.org") || value.contains("Mustermann"));
    }

    @Test
    void oneTraceRunsFromTheRequestThroughItsBatchToKafka() {
        Api api = new Api(port);
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";

        api.post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Erika Mustermann", "email": "erika@example.org"}}"""
                .formatted(UUID.randomUUID()), "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");

        // The request's span, the forward's (a descendant of the request's), and the batch's linked to it.
        await().atMost(Duration.ofSeconds(30)).until(() -> spanOf(traceId, SpanKind.SERVER).isPresent()
                && spanOf(traceId, SpanKind.PRODUCER).isPresent() && commitLinkedTo(traceId).isPresent());
        List<SpanData> trace = spansOf(traceId);
        SpanData request = spanOf(traceId, SpanKind.SERVER).orElseThrow();
        assertThat(request.getParentSpanId()).isEqualTo("00f067aa0ba902b7");
        SpanData forward = spanOf(traceId, SpanKind.PRODUCER).orElseThrow();
        assertThat(forward.getName()).isEqualTo("forward ParticipantRegistered");
        assertThat(trace).extracting(SpanData::getSpanId).contains(forward.getParentSpanId());
        SpanData commit = commitLinkedTo(traceId).orElseThrow();
        assertThat(commit.getTraceId()).isNotEqualTo(traceId);
        assertThat(commit.getLinks()).extracting(link -> link.getSpanContext().getSpanId())
                .anyMatch(linked -> trace.stream().anyMatch(span -> span.getSpanId().equals(linked)));
        assertThat(jdbc.queryForObject("select convert_from(metadata, 'UTF8') from domainevententry "
                + "where aggregateidentifier = ? and sequencenumber = 1", String.class, meetingId.toString()))
                .contains("\"traceparent\":\"00-" + traceId + "-");
        Published registered = topic.recordsOf(meetingId).get(1);
        assertThat(registered.envelope().traceparent())
                .isEqualTo("00-" + traceId + "-" + forward.getSpanId() + "-01");
    }

    @Test
    void theDomainMetricsShowWhatHappened() {
        Api api = new Api(port);
        UUID meetingId = UUID.randomUUID();
        PrometheusScrape before = scrape(api);
        api.scheduleMeeting(meetingId, 1);
        api.register(meetingId, UUID.randomUUID(), "Erika Mustermann", "erika@example.org");
        api.post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Max Mustermann", "email": "max@example.org"},
                 "joinWaitingListIfFull": false}""".formatted(UUID.randomUUID()));
        api.post("/api/v1/meetings/" + meetingId + "/registrations", "{\"participant\": {}}");
        jdbc.update("insert into offer_deadline (registration_id, meeting_id, due_at) values (?, ?, now() - interval '1 minute')",
                UUID.randomUUID(), meetingId);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            PrometheusScrape after = scrape(api);
            assertThat(after.total("participation_forwarder_lag")).isZero();
            assertThat(increase(before, after, "participation_forwarder_delay_seconds_count")).isEqualTo(2);
        });
        PrometheusScrape after = scrape(api);
        assertThat(increase(before, after, "participation_commands_total", "type", "schedule-meeting", "outcome", "accepted"))
                .isEqualTo(1);
        assertThat(increase(before, after, "participation_commands_total", "type", "register", "outcome", "accepted"))
                .isEqualTo(1);
        assertThat(increase(before, after, "participation_commands_total", "type", "register", "outcome", "MEETING_FULL"))
                .isEqualTo(1);
        assertThat(increase(before, after, "participation_commands_total", "type", "register",
                "outcome", "VALIDATION_FAILED")).isEqualTo(1);
        // Three commands reached the writers (the invalid one did not), each alone in its batch: each
        // was sent after the one before was answered.
        double batches = increase(before, after, "participation_writer_batch_size_count");
        assertThat(increase(before, after, "participation_writer_batch_size_sum")).isEqualTo(3);
        assertThat(batches).isEqualTo(3);
        assertThat(increase(before, after, "participation_writer_batch_size_bucket", "le", "64.0")).isEqualTo(batches);
        assertThat(increase(before, after, "participation_writer_commit_seconds_count")).isEqualTo(batches);
        assertThat(after.has("participation_writer_commit_seconds_bucket")).isTrue();
        assertThat(increase(before, after, "participation_writer_queue_depth_count")).isEqualTo(batches);
        assertThat(increase(before, after, "participation_writer_queue_depth_sum")).isGreaterThanOrEqualTo(3);
        assertThat(after.total("participation_writer_queue_depth_largest")).isZero();
        assertThat(after.total("participation_deadlines_due", "kind", "offer")).isEqualTo(1);
        assertThat(after.total("participation_deadlines_due", "kind", "retention")).isZero();
        assertThat(increase(before, after, "participation_keys_calls_seconds_count", "operation", "wrap",
                "outcome", "ok")).isGreaterThanOrEqualTo(1);
    }

    private static PrometheusScrape scrape(Api api) {
        var metrics = api.get("/actuator/prometheus", "Authorization", "Bearer " + TestTokens.withRole(Roles.MONITORING));
        assertThat(metrics.status()).isEqualTo(200);
        return PrometheusScrape.of(metrics.raw().body());
    }

    private static double increase(PrometheusScrape before, PrometheusScrape after, String name, String... labels) {
        return after.total(name, labels) - before.total(name, labels);
    }

    private List<SpanData> spansOf(String traceId) {
        return spans.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private Optional<SpanData> spanOf(String traceId, SpanKind kind) {
        return spansOf(traceId).stream().filter(span -> span.getKind() == kind).findFirst();
    }

    private Optional<SpanData> commitLinkedTo(String traceId) {
        return spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("commit batch"))
                .filter(span -> span.getLinks().stream().anyMatch(link -> link.getSpanContext().getTraceId().equals(traceId)))
                .findFirst();
    }

    /**
     * The service stops (as on SIGTERM, whose shutdown hook closes the context) while 16 clients
     * register, each one request after another until it gets no 2xx: every request sent is answered,
     * 2xx or 503, and none is cut off without an answer (a connection refused once the port is
     * closed was never a request). Every registration answered 2xx is stored and, by the time the
     * service has stopped, on Kafka: nothing waits for an instance to start again.
     */
    @Test
    void aServiceStoppedUnderLoadAnswersEveryRequestAndForwardsEveryAcceptedRegistration() {
        String database = TestDatabase.create();
        // one event per forwarded batch: the forwarder falls behind the writers, and has work left at the stop
        RunningService service = RunningService.publishing(database, KAFKA.bootstrapServers(),
                "--axon.eventhandling.processors.kafka-forwarder.batch-size=1");
        Api api = service.api();
        UUID meetingId = UUID.randomUUID();
        assertThat(api.scheduleMeeting(meetingId, 100_000).status()).isEqualTo(201);

        Collection<Attempt> attempts = new ConcurrentLinkedQueue<>();
        try (ExecutorService clients = Executors.newFixedThreadPool(16)) {
            for (int client = 0; client < 16; client++) {
                int number = client;
                clients.submit(() -> registerUntilRefused(api, meetingId, number, attempts));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> attempts.size() >= 200);
            service.close();
        }

        assertThat(attempts).as("requests cut off without an answer").filteredOn(Attempt::cutOff).isEmpty();
        assertThat(attempts).filteredOn(Attempt::answered).extracting(Attempt::status)
                .allMatch(status -> status / 100 == 2 || status == 503);
        Set<UUID> accepted = attempts.stream().filter(attempt -> attempt.status() / 100 == 2)
                .map(Attempt::registrationId).collect(Collectors.toSet());
        assertThat(accepted).hasSizeGreaterThanOrEqualTo(200);
        assertThat(new StoredEvents(new JdbcTemplate(new DriverManagerDataSource(database))).registeredIdsOf(meetingId))
                .containsAll(accepted);
        assertThat(topic.recordsOf(meetingId)).extracting(published -> published.envelope().data())
                .filteredOn(ParticipantRegistered.class::isInstance)
                .extracting(registered -> ((ParticipantRegistered) registered).registrationId())
                .containsAll(accepted);
    }

    /** One client: a registration after another, until one is not accepted or not even answered. */
    private static void registerUntilRefused(Api api, UUID meetingId, int client, Collection<Attempt> attempts) {
        for (int n = 0; ; n++) {
            UUID registrationId = UUID.randomUUID();
            String person = client + "-" + n;
            Attempt attempt = Attempt.of(registrationId, () -> api.register(meetingId, registrationId,
                    "Teilnehmer " + person, "person" + person + "@example.org"));
            attempts.add(attempt);
            if (attempt.status() / 100 != 2) {
                return;
            }
        }
    }

    /** A request and its answer's status, or why there was none (status 0). */
    private record Attempt(UUID registrationId, int status, Exception noAnswer) {

        static Attempt of(UUID registrationId, Supplier<Response> request) {
            try {
                return new Attempt(registrationId, request.get().status(), null);
            } catch (UncheckedIOException noAnswer) {
                return new Attempt(registrationId, 0, noAnswer.getCause());
            }
        }

        boolean answered() {
            return noAnswer == null;
        }

        /** Sent, but the connection ended without an answer; a refused connection sent nothing. */
        boolean cutOff() {
            return !answered() && !(noAnswer instanceof ConnectException);
        }
    }
}
