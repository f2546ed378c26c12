package de.participation.command.config;

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
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Databases migrated by earlier versions start with today's code: one migrated by V3 as first
 * applied gets the digest column from V5, filled with the digests today's code computes; one
 * migrated by the edited V3 that was shipped for a while is accepted with its data; any other
 * change to an applied migration still stops the start.
 */
@ExtendWith(OutputCaptureExtension.class)
class MigrationHistoryIT {

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
     * row in the history), and what came after it (the tables of V6 and V7): the same events and
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
        jdbc.update("delete from flyway_schema_history where version in ('5', '6', '7')");

        try (RunningService service = RunningService.on(database)) {
            assertThat(appliedVersions()).isEqualTo("1,2,3,4,5,6,7");
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
        // today's code schedules with a retention deadline (V7); that version wrote none
        jdbc.execute("create table retention_deadline (meeting_id uuid primary key, due_at timestamptz not null)");
        try (RunningService service = RunningService.on(database,
                "--spring.flyway.target=4", "--spring.flyway.validate-on-migrate=false")) {
            registerErikaAndMax(service.api());
        }
        jdbc.execute("drop table retention_deadline");
        assertThat(checksumOfV3()).isEqualTo(EditedMigrationRepair.EDITED_CHECKSUM);
        assertThat(appliedVersions()).isEqualTo("1,2,3,4");
        Map<UUID, String> written = digests();

        try (RunningService service = RunningService.on(database)) {
            assertThat(checksumOfV3()).isEqualTo(EditedMigrationRepair.ORIGINAL_CHECKSUM);
            assertThat(appliedVersions()).isEqualTo("1,2,3,4,5,6,7");
            assertThat(digestColumnNullable()).isEqualTo("NO");
            assertThat(digests()).hasSize(2).isEqualTo(written);
            retriesAreRecognised(service.api());
        }
        try (RunningService restarted = RunningService.on(database)) {
            retriesAreRecognised(restarted.api());
        }
        assertThat(StringUtils.countOccurrencesOf(output.getOut(), REPAIRED)).isOne();
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
