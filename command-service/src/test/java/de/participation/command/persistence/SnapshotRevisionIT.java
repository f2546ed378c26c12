package de.participation.command.persistence;

import de.participation.command.support.RunningService;
import de.participation.command.support.TestDatabase;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A snapshot written for another layout of the Meeting is not misread: it is skipped and the
 * meeting is rebuilt from its events. The snapshot here is readable but says something else than
 * the events (a thousand seats, nobody registered); the events say the two seats are taken.
 */
class SnapshotRevisionIT {

    private final String database = TestDatabase.create();
    private final JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(database));
    private final UUID meetingId = UUID.randomUUID();

    @Test
    void aSnapshotOfAnotherRevisionIsSkippedAndTheMeetingRebuiltFromItsEvents() {
        fillTheTwoSeats();
        storeMisleadingSnapshot(null);

        try (RunningService restarted = RunningService.on(database)) {
            Response third = restarted.api().register(meetingId, UUID.randomUUID(), "Anna Beispiel", "anna@example.org");
            assertThat(third.body().path("status").asText()).isEqualTo("WAITLISTED");
            assertThat(third.body().path("waitingListPosition").asInt()).isEqualTo(1);
        }
    }

    /** The control: the snapshot is readable, and only its revision keeps it from being believed. */
    @Test
    void theSameSnapshotUnderTheCurrentRevisionWouldBeBelieved() {
        fillTheTwoSeats();
        storeMisleadingSnapshot("1");

        try (RunningService restarted = RunningService.on(database)) {
            Response third = restarted.api().register(meetingId, UUID.randomUUID(), "Anna Beispiel", "anna@example.org");
            assertThat(third.body().path("status").asText()).isEqualTo("CONFIRMED");
        }
    }

    private void fillTheTwoSeats() {
        try (RunningService service = RunningService.on(database)) {
            service.api().scheduleMeeting(meetingId, 2);
            service.api().register(meetingId, UUID.randomUUID(), "Erika Mustermann", "erika@example.org");
            service.api().register(meetingId, UUID.randomUUID(), "Max Mustermann", "max@example.org");
        }
    }

    /** A snapshot at the last event that claims a thousand free seats and no registrations. */
    private void storeMisleadingSnapshot(String revision) {
        String scheduled = new String(jdbc.queryForObject("select payload from domainevententry "
                + "where aggregateidentifier = ? and sequencenumber = 0", byte[].class, meetingId.toString()),
                StandardCharsets.UTF_8);
        String payload = """
                {"meetingId":"%s","scheduled":%s,"capacity":1000,"closedByOrganiser":false,"cancelled":false,
                 "confirmed":0,"registrations":{},"activeByEmail":{},"waitingList":[]}""".formatted(meetingId, scheduled);
        jdbc.update("delete from snapshotevententry where aggregateidentifier = ?", meetingId.toString());
        jdbc.update("""
                insert into snapshotevententry (aggregateidentifier, sequencenumber, type, eventidentifier, metadata,
                    payload, payloadrevision, payloadtype, timestamp)
                values (?, 2, 'Meeting', ?, '{}'::bytea, ?, ?, 'de.participation.command.meeting.Meeting',
                    '2030-01-01T00:00:00Z')""",
                meetingId.toString(), UUID.randomUUID().toString(), payload.getBytes(StandardCharsets.UTF_8), revision);
    }
}
