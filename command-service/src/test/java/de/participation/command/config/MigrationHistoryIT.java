package de.participation.command.config;

import de.participation.command.personaldata.KeysBeforeV9;
import de.participation.command.support.Api;
import de.participation.command.support.RunningService;
import de.participation.command.support.StoredEvents;
import de.participation.command.support.TestDatabase;
import de.participation.localstack.JsonHttp.Response;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.StringUtils;

import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Databases migrated by earlier versions start with today's code: one migrated by V3 as first
 * applied gets the digest column from V5, filled with the digests today's code computes; one
 * migrated by the edited V3 that was shipped for a while is accepted with its data; any other
 * change to an applied migration still stops the start. One that recognised people by the
 * database-wide email hash of V4 recognises them by V8's hashes within each meeting, and the old
 * key is gone. One that stored keys raw has them wrapped by V9.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationHistoryIT {

    /** Every migration, as today's code applies them. */
    private static final String EVERY_VERSION = "1,2,3,4,5,6,7,8,9,10,11";
    /** The one line {@link EditedMigrationRepair} logs when it accepts the edited V3. */
    private static final String REPAIRED = "Schema history: V3 had been applied in its edited form";

    private final String database = TestDatabase.create();
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database));
    private final StoredEvents storedEvents = new StoredEvents(jdbc);
    private final UUID meetingId = UUID.randomUUID();
    /** Confirmed, without an organisation. */
    private final UUID erika = UUID.randomUUID();
    /** Waitlisted, with an organisation (which the digest covers too). */
    private final UUID max = UUID.randomUUID();

    /**
     * Until 5b84622 the key table had no digest: V4 and the code created keys without one. Such a
     * database is made from one written by today's code by taking V5 out again (its column and its
     * row in the history), and what came after it (V6, V7 and V8): the same events and
     * keys, only the digests missing. V5 must then compute exactly the digests today's code had written.
     */
    @Test
    void aDatabaseMigratedByTheFirstV3GetsTheDigestsFromV5(CapturedOutput output) {
        migrate("classpath:db/migration", "3");
        assertThat(digestColumnNullable()).as("V3 as first applied creates no digest").isNull();
        try (RunningService service = RunningService.on(database)) {
            registerErikaAndMax(service.api());
        }
        Map<UUID, String> written = digests();
        jdbc.execute("alter table participant_key drop column digest");
        jdbc.execute("drop table offer_deadline");
        jdbc.execute("drop table retention_deadline");
        undoAfterV8();
        undoV8();
        jdbc.update("delete from flyway_schema_history where version in ('5', '6', '7', '8')");

        try (RunningService service = RunningService.on(database)) {
            assertThat(appliedVersions()).isEqualTo(EVERY_VERSION);
            assertThat(digestColumnNullable()).isEqualTo("NO");
            assertThat(digests()).hasSize(2).isEqualTo(written);
            retriesAreRecognised(service.api());
        }
        assertThat(output.getOut()).doesNotContain(REPAIRED);
    }

    /**
     * From 5b84622 until it was restored, V3 created the digest column itself. Such a database is
     * made with that very script (a test resource) and data written on its schema by the code,
     * which wrote keys and digests then as it does today; it ran with validation off and V5 not
     * yet there, so the edited checksum stays recorded. Then today's start accepts that checksum
     * (saying so once), V5 finds nothing to do, and the data is as it was.
     */
    @Test
    void aDatabaseMigratedByTheEditedV3StartsAndKeepsItsData(CapturedOutput output) {
        migrate("classpath:db/migration", "2");
        migrate("classpath:db/edited-v3", "3");
        assertThat(checksumOfV3()).isEqualTo(EditedMigrationRepair.EDITED_CHECKSUM);
        // today's code schedules with a retention deadline (V7), keeps an email index (V8) and
        // wraps keys (V9); that version did none of these
        jdbc.execute("create table retention_deadline (meeting_id uuid primary key, due_at timestamptz not null)");
        jdbc.execute("create table email_index_key (id smallint primary key default 1, secret bytea not null)");
        jdbc.execute("insert into email_index_key (secret) values ('\\x00')");
        jdbc.execute("alter table participant_key add column email_hash varchar(64)");
        KeysBeforeV9.addWrappedColumns(jdbc);
        try (RunningService service = RunningService.on(database,
                "--spring.flyway.target=4", "--spring.flyway.validate-on-migrate=false")) {
            registerErikaAndMax(service.api());
        }
        KeysBeforeV9.restore(jdbc);
        jdbc.execute("drop table retention_deadline");
        jdbc.execute("drop table email_index_key");
        jdbc.execute("alter table participant_key drop column email_hash");
        assertThat(checksumOfV3()).isEqualTo(EditedMigrationRepair.EDITED_CHECKSUM);
        assertThat(appliedVersions()).isEqualTo("1,2,3,4");
        Map<UUID, String> written = digests();

        try (RunningService service = RunningService.on(database)) {
            assertThat(checksumOfV3()).isEqualTo(EditedMigrationRepair.ORIGINAL_CHECKSUM);
            assertThat(appliedVersions()).isEqualTo(EVERY_VERSION);
            assertThat(digestColumnNullable()).isEqualTo("NO");
            assertThat(digests()).hasSize(2).isEqualTo(written);
            retriesAreRecognised(service.api());
        }
        try (RunningService restarted = RunningService.on(database)) {
            retriesAreRecognised(restarted.api());
        }
        assertThat(StringUtils.countOccurrencesOf(output.getOut(), REPAIRED)).isOne();
    }

    /**
     * Until V8 every participant event carried the email's hash under one key for the database,
     * and the Meeting (and its snapshots) recognised people by it. Such a database is made from one
     * written by today's code by taking V8 out again and putting a snapshot back. V8 must then give
     * the open registrations their hashes within the meeting, so that people are recognised as
     * before, and destroy the old key and every snapshot.
     */
    @Test
    void aDatabaseThatHashedEmailsWithOneKeyGetsHashesWithinEachMeetingFromV8() {
        UUID otherMeeting = UUID.randomUUID();
        try (RunningService service = RunningService.on(database)) {
            registerErikaAndMax(service.api());
            service.api().scheduleMeeting(otherMeeting, 1);
            service.api().register(otherMeeting, UUID.randomUUID(), "Erika Mustermann", "erika@example.org");
        }
        undoAfterV8();
        undoV8();
        jdbc.update("delete from flyway_schema_history where version = '8'");
        jdbc.update("""
                insert into snapshotevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                  payload, payloadrevision, payloadtype, timestamp)
                values (?, 2, 'Meeting', ?, '{}'::bytea, '{"activeByEmail": {}}'::bytea, '4', 'Meeting', '2026-01-01T00:00:00Z')""",
                meetingId.toString(), UUID.randomUUID().toString());

        try (RunningService service = RunningService.on(database)) {
            assertThat(appliedVersions()).isEqualTo(EVERY_VERSION);
            assertThat(jdbc.queryForObject("select count(*) from information_schema.tables where table_name = 'email_hash_key'",
                    Integer.class)).as("the old key is gone").isZero();
            assertThat(jdbc.queryForObject("select count(*) from snapshotevententry", Integer.class)).isZero();
            assertThat(jdbc.queryForList("select distinct email_hash from participant_key", String.class))
                    .as("the same address hashes differently in another meeting, others differ anyway").hasSize(3);
            retriesAreRecognised(service.api());
            Response erikaAgain = service.api().register(meetingId, UUID.randomUUID(), "Erika M.", " ERIKA@example.org");
            assertThat(erikaAgain.body().path("code").asText()).isEqualTo("ALREADY_REGISTERED");
        }
    }

    /**
     * Until V9 each registration's key, and the key of the email hashes, were stored raw. Such a
     * database is made from one written by today's code by unwrapping its keys again. V9 must wrap
     * every key under the current key-encryption key and leave no raw key column, and the
     * participants must open and be recognised as before.
     */
    @Test
    void aDatabaseWithRawKeysGetsThemWrappedByV9() {
        try (RunningService service = RunningService.on(database)) {
            registerErikaAndMax(service.api());
        }
        undoAfterV8();
        assertThat(rawKeyColumns()).containsExactlyInAnyOrder("participant_key", "email_index_key");

        try (RunningService service = RunningService.on(database)) {
            assertThat(appliedVersions()).isEqualTo(EVERY_VERSION);
            assertThat(rawKeyColumns()).isEmpty();
            assertThat(jdbc.queryForList("select kek_id from participant_key union all select kek_id from email_index_key",
                    String.class)).containsExactly("test-kek", "test-kek", "test-kek");
            Response opened = service.api().post("/api/v1/personal-data/open", """
                    {"registrations": [{"registrationId": "%s", "ciphertext": "%s"},
                                       {"registrationId": "%s", "ciphertext": "%s"}]}"""
                    .formatted(erika, storedEvents.sealedParticipantOf(meetingId, erika),
                            max, storedEvents.sealedParticipantOf(meetingId, max)));
            assertThat(opened.body().path("registrations").findValuesAsText("name"))
                    .containsExactly("Erika Mustermann", "Max Mustermann");
            retriesAreRecognised(service.api());
        }
    }

    /** The tables that still have a column of raw keys. */
    private List<String> rawKeyColumns() {
        return jdbc.queryForList("select table_name from information_schema.columns where column_name = 'secret' "
                + "and table_schema = current_schema()", String.class);
    }

    /** The edited checksum is accepted for V3 only, and no other checksum is. */
    @Test
    void anyOtherChangeToAnAppliedMigrationStopsTheStart() {
        migrate("classpath:db/migration", "3");
        startFailsWithChecksumOf("3", EditedMigrationRepair.EDITED_CHECKSUM + 1);
        startFailsWithChecksumOf("3", EditedMigrationRepair.ORIGINAL_CHECKSUM + 1);
        jdbc.update("update flyway_schema_history set checksum = ? where version = '3'",
                EditedMigrationRepair.ORIGINAL_CHECKSUM);
        startFailsWithChecksumOf("2", EditedMigrationRepair.EDITED_CHECKSUM);
    }

    /** Back to before V8: the index and its key gone, the database-wide key of V4 there again. */
    /** What came after V8, so that V8 (and what it needs) can be applied again. */
    /** Takes out what came after V8: the shared rate limits (V10), the scans' trail (V11) and the wrapped keys (V9). */
    private void undoAfterV8() {
        jdbc.execute("drop table registration_limit_bucket");
        jdbc.execute("drop table personal_data_scan_trail");
        jdbc.update("delete from flyway_schema_history where version in ('10', '11')");
        KeysBeforeV9.restore(jdbc);
    }

    private void undoV8() {
        jdbc.execute("drop index participant_key_email");
        jdbc.execute("alter table participant_key drop column email_hash");
        jdbc.execute("drop table email_index_key");
        jdbc.execute("create table email_hash_key (id smallint primary key default 1, secret bytea not null)");
        jdbc.execute("insert into email_hash_key (secret) values ('\\x01')");
    }

    private void startFailsWithChecksumOf(String version, int checksum) {
        jdbc.update("update flyway_schema_history set checksum = ? where version = ?", checksum, version);

        assertThatThrownBy(() -> RunningService.on(database).close())
                .hasRootCauseInstanceOf(FlywayValidateException.class)
                .rootCause().hasMessageContaining("checksum mismatch for migration version " + version);
        assertThat(jdbc.queryForObject("select checksum from flyway_schema_history where version = ?",
                Integer.class, version)).isEqualTo(checksum);
        assertThat(appliedVersions()).isEqualTo("1,2,3");
    }

    private void registerErikaAndMax(Api api) {
        assertThat(api.scheduleMeeting(meetingId, 1).status()).isEqualTo(201);
        assertThat(registerErika(api, "Erika Mustermann").status()).isEqualTo(201);
        assertThat(registerMax(api, "Gemeinde Musterdorf").status()).isEqualTo(201);
    }

    /**
     * The same data again is the same registration: answered with its id and status, and stored
     * once. Another name or organisation under the same registration id is refused.
     */
    private void retriesAreRecognised(Api api) {
        long events = storedEvents.total();
        Response erikaAgain = registerErika(api, "Erika Mustermann");
        assertThat(erikaAgain.status()).isEqualTo(200);
        assertThat(erikaAgain.body().path("registrationId").asText()).isEqualTo(erika.toString());
        assertThat(erikaAgain.body().path("status").asText()).isEqualTo("CONFIRMED");
        Response maxAgain = registerMax(api, "Gemeinde Musterdorf");
        assertThat(maxAgain.status()).isEqualTo(200);
        assertThat(maxAgain.body().path("registrationId").asText()).isEqualTo(max.toString());
        assertThat(maxAgain.body().path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(storedEvents.total()).isEqualTo(events);

        assertThat(registerErika(api, "Erika Musterfrau").body().path("code").asText())
                .isEqualTo("REGISTRATION_ID_CONFLICT");
        assertThat(registerMax(api, "Gemeinde Anderswo").body().path("code").asText())
                .isEqualTo("REGISTRATION_ID_CONFLICT");
    }

    private Response registerErika(Api api, String name) {
        return api.register(meetingId, erika, name, "erika@example.org");
    }

    private Response registerMax(Api api, String organisation) {
        return api.post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "joinWaitingListIfFull": true, "participant":
                 {"name": "Max Mustermann", "email": "max@example.org", "organisation": "%s"}}"""
                .formatted(max, organisation));
    }

    private void migrate(String location, String target) {
        Flyway.configure().dataSource(database, null, null).locations(location).target(target)
                .validateOnMigrate(false).load().migrate();
    }

    private Integer checksumOfV3() {
        return jdbc.queryForObject("select checksum from flyway_schema_history where version = '3'", Integer.class);
    }

    private String appliedVersions() {
        return jdbc.queryForObject("select string_agg(version, ',' order by installed_rank) from flyway_schema_history "
                + "where success", String.class);
    }

    /** "YES" or "NO", or null while the column does not exist. */
    private String digestColumnNullable() {
        return jdbc.query("select is_nullable from information_schema.columns "
                        + "where table_name = 'participant_key' and column_name = 'digest'",
                rows -> rows.next() ? rows.getString(1) : null);
    }

    /** Each key's digest, in hex. */
    private Map<UUID, String> digests() {
        Map<UUID, String> digests = new HashMap<>();
        jdbc.query("select registration_id, digest from participant_key", row -> {
            digests.put(row.getObject(1, UUID.class), HexFormat.of().formatHex(row.getBytes(2)));
        });
        return digests;
    }
}
