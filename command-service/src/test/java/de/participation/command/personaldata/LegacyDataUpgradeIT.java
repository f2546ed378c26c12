package de.participation.command.personaldata;

import de.participation.command.support.PlaintextScan;
import de.participation.command.support.RunningService;
import de.participation.command.support.TestDataDirectory;
import de.participation.command.support.TestDatabase;
import de.participation.command.support.TestTokens;
import de.participation.command.support.TopicReader;
import de.participation.kafka.Topics;
import de.participation.localstack.JsonHttp.Response;
import de.participation.localstack.LocalKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An installation from before sealing: its event store, a snapshot and the Kafka topic hold
 * participants in clear. Starting the new version migrates the store (V4 seals, V5 adds the
 * digests by which retries are recognised), and the forwarder
 * empties the topic and publishes the history again, sealed. Afterwards no clear text is left in
 * either, and the old registrations behave as before: recognised, retried, opened, erasable.
 */
class LegacyDataUpgradeIT {

    private static final LocalKafka KAFKA = LocalKafka.start(TestDataDirectory.create(), 0);
    private static final UUID MEETING = UUID.randomUUID();
    private static final UUID ERIKA = UUID.randomUUID();
    private static final UUID MAX = UUID.randomUUID();
    private static final String ERIKA_EMAIL = "erika.legacy@example.org";

    @AfterAll
    static void stopKafka() {
        KAFKA.close();
    }

    @Test
    void upgradingSealsTheStoreAndRepublishesTheTopicWithoutAnyClearText() throws Exception {
        String database = TestDatabase.create();
        writeLegacyStore(database);
        publishLegacyRecords();

        try (RunningService service = RunningService.publishing(database, KAFKA.bootstrapServers())) {
            TopicReader topic = new TopicReader(KAFKA.bootstrapServers());
            await().atMost(Duration.ofSeconds(30)).until(() -> topic.allRecords().size() == 3
                    && topic.allRecords().stream().noneMatch(LegacyDataUpgradeIT::inClear));
            assertThat(topic.recordsOf(MEETING)).extracting(published -> published.envelope().sequence())
                    .containsExactly(0L, 1L, 2L);

            PlaintextScan scan = new PlaintextScan(service.jdbc());
            assertThat(scan.rowsContaining("Regionen-Workshop")).isNotEmpty();
            assertThat(scan.rowsContaining("legacy@example.org")).isEmpty();
            assertThat(scan.rowsContaining("Legacy-Erika")).isEmpty();
            assertThat(service.jdbc().queryForObject("select count(*) from topic_republish_request", Integer.class))
                    .isZero();

            Response again = service.api().register(MEETING, UUID.randomUUID(), "Erika", " Erika.Legacy@example.org");
            assertThat(again.body().path("code").asText()).isEqualTo("ALREADY_REGISTERED");
            Response retry = service.api().register(MEETING, ERIKA, "Legacy-Erika Mustermann", ERIKA_EMAIL);
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.body().path("status").asText()).isEqualTo("CONFIRMED");
            Response impostor = service.api().register(MEETING, ERIKA, "Someone Else", ERIKA_EMAIL);
            assertThat(impostor.body().path("code").asText()).isEqualTo("REGISTRATION_ID_CONFLICT");
            Response opened = service.api().post("/api/v1/personal-data/open", """
                    {"registrations": [{"registrationId": "%s", "ciphertext": "%s"}]}"""
                    .formatted(MAX, service.storedEvents().sealedParticipantOf(MEETING, MAX)));
            assertThat(opened.body().path("registrations").get(0).path("participant").path("name").asText())
                    .isEqualTo("Legacy-Max Mustermann");
            assertThat(service.api().post("/api/v1/registrations/" + ERIKA + "/erasure", null,
                    "Authorization", "Bearer " + TestTokens.organiser()).status()).isEqualTo(200);
        }
    }

    private static boolean inClear(ConsumerRecord<String, String> record) {
        return record.value().contains("legacy@example.org");
    }

    /** The store as the previous version left it: schema V3, participants in clear, a snapshot, the forwarder's token. */
    private static void writeLegacyStore(String database) {
        DataSource legacy = new DriverManagerDataSource(database);
        Flyway.configure().dataSource(legacy).target("3").load().migrate();
        JdbcTemplate jdbc = new JdbcTemplate(legacy);
        event(jdbc, 0, "MeetingScheduled", """
                {"meetingId":"%s","title":"Regionen-Workshop","description":null,"location":"Meißen",
                 "startsAt":"2099-06-03T08:00:00Z","endsAt":null,"capacity":1,"registrationOpensAt":null,
                 "registrationClosesAt":null,"waitingList":{"enabled":true,"limit":0},"organisation":"%s"}"""
                .formatted(MEETING, TestTokens.ORGANISATION));
        event(jdbc, 1, "ParticipantRegistered", """
                {"meetingId":"%s","registrationId":"%s","participant":{"name":"Legacy-Erika Mustermann",
                 "email":"%s","organisation":null}}""".formatted(MEETING, ERIKA, ERIKA_EMAIL));
        event(jdbc, 2, "ParticipantWaitlisted", """
                {"meetingId":"%s","registrationId":"%s","participant":{"name":"Legacy-Max Mustermann",
                 "email":"max.legacy@example.org","organisation":"Gemeinde Musterdorf"},"position":1}"""
                .formatted(MEETING, MAX));
        for (UUID registration : List.of(ERIKA, MAX)) {
            jdbc.update("insert into registration_id (registration_id, meeting_id) values (?, ?)", registration, MEETING);
        }
        jdbc.update("""
                insert into snapshotevententry (aggregateidentifier, sequencenumber, type, eventidentifier, payload,
                    payloadtype, timestamp) values (?, 2, 'Meeting', ?, ?, 'de.participation.command.meeting.Meeting', ?)""",
                MEETING.toString(), UUID.randomUUID().toString(),
                ("{\"registrations\":{\"email\":\"" + ERIKA_EMAIL + "\"}}").getBytes(), "2030-05-20T08:00:03Z");
        jdbc.update("""
                insert into tokenentry (processorname, segment, token, tokentype, timestamp)
                values ('kafka-forwarder', 0, ?, 'org.axonframework.eventhandling.GlobalSequenceTrackingToken', ?)""",
                "{\"globalIndex\":3}".getBytes(), "2030-05-20T08:00:04Z");
    }

    private static void event(JdbcTemplate jdbc, long sequence, String type, String payload) {
        jdbc.update("""
                insert into domainevententry (eventidentifier, metadata, payload, payloadtype, timestamp,
                    aggregateidentifier, sequencenumber, type) values (?, ?, ?, ?, ?, ?, ?, 'Meeting')""",
                UUID.randomUUID().toString(), "{\"correlationId\":\"legacy\",\"issuedBy\":\"portal\"}".getBytes(),
                payload.getBytes(), "de.participation.events." + type, "2030-05-20T08:00:0" + sequence + "Z",
                MEETING.toString(), sequence);
    }

    /** What the previous version had published: the same events, schema version 1, in clear. */
    private static void publishLegacyRecords() throws Exception {
        Topics.ensureExists(KAFKA.bootstrapServers(), Topics.MEETING_EVENTS, 6, (short) 1);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            for (int sequence = 0; sequence < 3; sequence++) {
                producer.send(new ProducerRecord<>(Topics.MEETING_EVENTS, MEETING.toString(), """
                        {"specversion":"1.0","type":"de.participation.meeting.ParticipantRegistered","sequence":%d,
                         "schemaversion":1,"data":{"participant":{"email":"%s"}}}""".formatted(sequence, ERIKA_EMAIL)))
                        .get();
            }
        }
    }
}
