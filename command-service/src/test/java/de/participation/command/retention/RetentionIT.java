package de.participation.command.retention;

import de.participation.command.support.Api;
import de.participation.command.support.MovableAxonClock;
import de.participation.command.support.RunningService;
import de.participation.command.support.StoredEvents.StoredEvent;
import de.participation.command.support.TestDatabase;
import de.participation.command.support.TestTokens;
import de.participation.command.support.TopicReader;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalKafka;
import de.participation.web.security.Roles;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Retention periods on the real service and database: when a meeting's period has passed, every
 * registration not yet erased is erased once, cause {@code RETENTION}, with two instances checking,
 * and after a restart for a period that passed while no instance ran; the keys are gone, the
 * registrations and their order stay. Meetings scheduled before retention periods existed get the
 * default. The instances share Axon's clock, which the test moves. Afterwards the operator's scan
 * of every table and every topic finds nothing of the people.
 */
class RetentionIT {

    private static final String CHECK_OFTEN = "--participation.retention.check-every=100ms";

    @RegisterExtension
    final MovableAxonClock clock = new MovableAxonClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final String database = TestDatabase.create();
    private final UUID meetingId = UUID.randomUUID();
    private final UUID erika = UUID.randomUUID();
    private final UUID max = UUID.randomUUID();
    private final UUID lea = UUID.randomUUID();

    /** A meeting in an hour that keeps personal data for 2 days after it ended: two seats, Lea waits, Max erased on request. */
    private void aMeetingWithRegistrations(Api api) {
        Instant start = clock.instant().plus(Duration.ofHours(1));
        assertThat(api.post("/api/v1/meetings", """
                {"meetingId": "%s", "title": "Bürgerforum", "location": "Dresden", "startsAt": "%s", "endsAt": "%s",
                 "capacity": 2, "retentionDays": 2}""".formatted(meetingId, start, start.plus(Duration.ofHours(2))))
                .status()).isEqualTo(201);
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
        api.register(meetingId, max, "Max Mustermann", "max@example.org");
        api.register(meetingId, lea, "Lea Weber", "lea@example.org");
        assertThat(api.post("/api/v1/registrations/" + max + "/erasure", null,
                "Authorization", "Bearer " + TestTokens.organiser()).status()).isEqualTo(200);
    }

    private static List<StoredEvent> erasures(RunningService service, UUID meetingId) {
        return service.storedEvents().of(meetingId).stream()
                .filter(event -> event.simpleType().equals("ParticipantDataErased")).toList();
    }

    private static boolean erasedByRetention(RunningService service, UUID meetingId) {
        return erasures(service, meetingId).stream().filter(event -> event.payload().contains("\"cause\":\"RETENTION\""))
                .count() == 2
                && service.jdbc().queryForObject("select count(*) from retention_deadline where meeting_id = ?",
                Long.class, meetingId) == 0;
    }

    private void assertErasedOnceEachAndKeysGone(RunningService service) {
        List<StoredEvent> erasures = erasures(service, meetingId);
        assertThat(erasures).hasSize(3);
        assertThat(erasures.get(0).payload()).contains(max.toString()).contains("\"cause\":\"REQUEST\"");
        assertThat(erasures.subList(1, 3)).extracting(StoredEvent::payload)
                .allSatisfy(payload -> assertThat(payload).contains("\"cause\":\"RETENTION\""))
                .anySatisfy(payload -> assertThat(payload).contains(erika.toString()))
                .anySatisfy(payload -> assertThat(payload).contains(lea.toString()));
        assertThat(service.jdbc().queryForObject("select count(*) from participant_key where meeting_id = ?",
                Long.class, meetingId)).isZero();
        assertThat(service.storedEvents().of(meetingId)).extracting(StoredEvent::simpleType)
                .startsWith("MeetingScheduled", "ParticipantRegistered", "ParticipantRegistered", "ParticipantWaitlisted");
    }

    @Test
    void afterTheRetentionPeriodTheScanOfEveryTableAndTopicFindsNothingOfThePeople(@TempDir Path kafkaLogs)
            throws Exception {
        try (LocalKafka kafka = LocalKafka.start(kafkaLogs, 0);
             RunningService service = RunningService.publishing(database, kafka.bootstrapServers(), CHECK_OFTEN)) {
            aMeetingWithRegistrations(service.api());
            plantOnAnotherTopic(kafka, "{\"note\": \"Planted@Example.org\"}");
            TopicReader topic = new TopicReader(kafka.bootstrapServers());
            await().until(() -> topic.recordsOf(meetingId).size() == 5);

            JsonNode erikaBefore = scan(service, "erika@example.org");
            assertThat(erikaBefore.path("clean").asBoolean()).isFalse();
            assertThat(erikaBefore.path("findings")).extracting(JsonNode::toString).containsExactly(
                    "{\"store\":\"postgresql\",\"location\":\"table participant_key\",\"trace\":\"EMAIL_HASH\"}");
            assertThat(scan(service, "planted@example.org").path("findings")).extracting(finding -> finding.path("location").asText())
                    .as("every topic is read").containsExactly("planted-elsewhere/0@0");
            JsonNode maxErasedOnRequest = scan(service, "max@example.org");
            assertThat(maxErasedOnRequest.path("clean").asBoolean()).isTrue();
            assertThat(maxErasedOnRequest.path("meetingsHashed").asInt()).isEqualTo(1);
            assertThat(maxErasedOnRequest.path("scanned")).allSatisfy(store -> {
                assertThat(store.path("complete").asBoolean()).isTrue();
                assertThat(store.path("items").asLong()).isPositive();
            });

            clock.advance(Duration.ofHours(3).plus(Duration.ofDays(2)));
            await().atMost(Duration.ofSeconds(20)).until(() -> erasedByRetention(service, meetingId));
            await().until(() -> topic.recordsOf(meetingId).size() == 7);

            for (String address : List.of("erika@example.org", "lea@example.org", "max@example.org")) {
                JsonNode after = scan(service, address);
                assertThat(after.path("findings")).as(address).isEmpty();
                assertThat(after.path("clean").asBoolean()).isTrue();
            }
        }
    }

    private static JsonNode scan(RunningService service, String address) {
        Response scan = service.api().post("/api/v1/admin/personal-data-scans", "{\"email\": \"" + address + "\"}",
                "Authorization", "Bearer " + TestTokens.withRole(Roles.DATA_PROTECTION));
        assertThat(scan.status()).isEqualTo(200);
        return scan.body();
    }

    private static void plantOnAnotherTopic(LocalKafka kafka, String value) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic("planted-elsewhere", 1, (short) 1))).all().get();
        }
        try (Producer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("planted-elsewhere", value)).get();
        }
    }

    @Test
    void withTwoInstancesTheRetentionPeriodErasesEveryRegistrationOnce() {
        try (RunningService first = RunningService.on(database, CHECK_OFTEN);
             RunningService second = RunningService.on(database, CHECK_OFTEN)) {
            aMeetingWithRegistrations(first.api());
            clock.advance(Duration.ofHours(3).plus(Duration.ofDays(2)).minusSeconds(1));
            assertThat(erasures(first, meetingId)).as("a second before the end").hasSize(1);

            clock.advance(Duration.ofSeconds(1));

            await().atMost(Duration.ofSeconds(20)).until(() -> erasedByRetention(first, meetingId));
            assertErasedOnceEachAndKeysGone(first);
        }
    }

    @Test
    void aRetentionPeriodThatPassedWhileNoInstanceRanErasesAfterTheRestart() {
        try (RunningService before = RunningService.on(database)) {
            aMeetingWithRegistrations(before.api());
        }
        clock.advance(Duration.ofDays(3));

        try (RunningService after = RunningService.on(database, CHECK_OFTEN)) {
            await().atMost(Duration.ofSeconds(20)).until(() -> erasedByRetention(after, meetingId));
            assertErasedOnceEachAndKeysGone(after);
        }
    }

    @Test
    void aMeetingMovedLaterKeepsItsDataUntilTheNewEndHasPassedTheRetentionPeriod() {
        try (RunningService service = RunningService.on(database, CHECK_OFTEN)) {
            aMeetingWithRegistrations(service.api());
            Instant later = clock.instant().plus(Duration.ofDays(10));
            assertThat(service.api().put("/api/v1/meetings/" + meetingId + "/details", """
                    {"startsAt": "%s", "endsAt": "%s"}""".formatted(later, later.plus(Duration.ofHours(2))))
                    .status()).isEqualTo(200);

            clock.advance(Duration.ofDays(3));
            await().atMost(Duration.ofSeconds(20)).until(() -> service.jdbc().queryForObject(
                    "select due_at from retention_deadline where meeting_id = ?", Timestamp.class, meetingId)
                    .toInstant().equals(later.plus(Duration.ofHours(2)).plus(Duration.ofDays(2))));
            assertThat(erasures(service, meetingId)).hasSize(1);

            clock.advance(Duration.ofDays(10));
            await().atMost(Duration.ofSeconds(20)).until(() -> erasedByRetention(service, meetingId));
        }
    }

    @Test
    void meetingsScheduledBeforeRetentionPeriodsExistedKeepTheDefaultAfterTheirLatestEnd() {
        try (RunningService before = RunningService.on(database)) {
            before.api().scheduleMeeting(meetingId, 5);
            assertThat(before.api().put("/api/v1/meetings/" + meetingId + "/details",
                    "{\"endsAt\": \"2099-06-03T16:00:00+02:00\"}").status()).isEqualTo(200);
            // the database as it was before migration 7 (the later ones stay: V7 runs out of order)
            before.jdbc().execute("drop table retention_deadline");
            before.jdbc().update("delete from flyway_schema_history where version = '7'");
        }

        try (RunningService after = RunningService.on(database, "--spring.flyway.out-of-order=true")) {
            assertThat(after.jdbc().queryForObject("select due_at from retention_deadline where meeting_id = ?",
                    Timestamp.class, meetingId).toInstant())
                    .isEqualTo(Instant.parse("2099-06-03T14:00:00Z").plus(Duration.ofDays(90)));
        }
    }
}
