package de.participation.command.config;

import de.participation.command.support.Api;
import de.participation.command.support.RunningService;
import de.participation.command.support.TestDatabase;
import de.participation.localstack.JsonHttp.Response;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Databases migrated by earlier versions start with today's code: one migrated by V3 as first
 * applied gets the digest column from V5; one migrated by the edited V3 that was shipped for a
 * while is accepted as it is; any other change to an applied migration still stops the start.
 */
class MigrationHistoryIT {

    private final String database = TestDatabase.create();
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database));

    @Test
    void aDatabaseMigratedByTheFirstV3GetsTheDigestColumn() {
        migrate("classpath:db/migration", "3");
        assertThat(digestColumnNullable()).isNull();

        try (RunningService service = RunningService.on(database)) {
            assertThat(digestColumnNullable()).isEqualTo("NO");
            assertThat(appliedVersions()).isEqualTo("1,2,3,4,5");
            registrationsAreRecognisedOnRetry(service.api());
        }
    }

    @Test
    void aDatabaseMigratedByTheEditedV3StartsAndKeepsItsData() {
        migrate("classpath:db/migration", "2");
        migrate("classpath:db/edited-v3", "3");
        assertThat(checksumOfV3()).isEqualTo(EditedMigrationRepair.EDITED_CHECKSUM);
        UUID meetingId = UUID.randomUUID();
        try (RunningService service = RunningService.on(database)) {
            assertThat(service.api().scheduleMeeting(meetingId, 1).status()).isEqualTo(201);
        }

        try (RunningService restarted = RunningService.on(database)) {
            assertThat(checksumOfV3()).isEqualTo(EditedMigrationRepair.ORIGINAL_CHECKSUM);
            assertThat(appliedVersions()).isEqualTo("1,2,3,4,5");
            assertThat(digestColumnNullable()).isEqualTo("NO");
            assertThat(restarted.api().scheduleMeeting(meetingId, 1).status()).isEqualTo(200);
            registrationsAreRecognisedOnRetry(restarted.api());
        }
    }

    @Test
    void anyOtherChangeToAnAppliedMigrationStopsTheStart() {
        migrate("classpath:db/migration", "3");
        jdbc.update("update flyway_schema_history set checksum = checksum + 1 where version = '2'");

        assertThatThrownBy(() -> RunningService.on(database).close())
                .hasRootCauseInstanceOf(FlywayValidateException.class)
                .rootCause().hasMessageContaining("checksum mismatch");
    }

    /** A retry with the same data is the same registration; with other data it is refused. */
    private static void registrationsAreRecognisedOnRetry(Api api) {
        UUID meetingId = UUID.randomUUID();
        UUID registrationId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        assertThat(api.register(meetingId, registrationId, "Erika Mustermann", "erika@example.org").status())
                .isEqualTo(201);
        assertThat(api.register(meetingId, registrationId, "Erika Mustermann", "erika@example.org").status())
                .isEqualTo(200);
        Response other = api.register(meetingId, registrationId, "Max Mustermann", "erika@example.org");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.body().path("code").asText()).isEqualTo("REGISTRATION_ID_CONFLICT");
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
}
