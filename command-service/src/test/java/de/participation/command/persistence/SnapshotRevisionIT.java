package de.participation.command.persistence;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.participation.command.meeting.MeetingAggregate;
import de.participation.command.support.CommandServiceIT;
import de.participation.localstack.JsonHttp.Response;
import org.axonframework.common.caching.Cache;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A snapshot written for another layout of the Meeting is not misread: it is skipped and the
 * meeting is rebuilt from its events. The test takes a real snapshot of a meeting whose two seats
 * are taken and rewrites it to say something else (a thousand seats, nobody registered); only its
 * revision decides whether the next registration believes it.
 */
class SnapshotRevisionIT extends CommandServiceIT {

    private static final String CURRENT_REVISION = MeetingAggregate.type().getAnnotation(Revision.class).value();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Schedule and two registrations: the third event takes the meeting's one snapshot. */
    @DynamicPropertySource
    static void snapshotAfterThreeEvents(DynamicPropertyRegistry registry) {
        registry.add("participation.meeting.snapshot-threshold", () -> 3);
    }

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    Cache meetingCache;

    private final UUID meetingId = UUID.randomUUID();

    @Test
    void snapshotsCarryTheMeetingsCurrentRevision() {
        fillTheTwoSeats();

        assertThat(jdbc.queryForObject("select payloadrevision from snapshotevententry where aggregateidentifier = ?",
                String.class, meetingId.toString())).isEqualTo(CURRENT_REVISION);
    }

    @Test
    void aSnapshotOfAnOlderRevisionIsSkippedAndTheMeetingRebuiltFromItsEvents() throws IOException {
        fillTheTwoSeats();
        rewriteSnapshotToClaimFreeSeats("0");

        Response third = registerAfterTheCacheLostTheMeeting();

        assertThat(third.body().path("status").asText()).isEqualTo("WAITLISTED");
        assertThat(third.body().path("waitingListPosition").asInt()).isEqualTo(1);
    }

    @Test
    void aSnapshotWithoutRevisionIsSkippedAndTheMeetingRebuiltFromItsEvents() throws IOException {
        fillTheTwoSeats();
        rewriteSnapshotToClaimFreeSeats(null);

        Response third = registerAfterTheCacheLostTheMeeting();

        assertThat(third.body().path("status").asText()).isEqualTo("WAITLISTED");
    }

    /** The control: the rewritten snapshot is readable, and only its revision keeps it from being believed. */
    @Test
    void theSameSnapshotUnderTheCurrentRevisionWouldBeBelieved() throws IOException {
        fillTheTwoSeats();
        rewriteSnapshotToClaimFreeSeats(CURRENT_REVISION);

        Response third = registerAfterTheCacheLostTheMeeting();

        assertThat(third.body().path("status").asText()).isEqualTo("CONFIRMED");
    }

    private void fillTheTwoSeats() {
        api.scheduleMeeting(meetingId, 2);
        api.register(meetingId, UUID.randomUUID(), "Erika Mustermann", "erika@example.org");
        api.register(meetingId, UUID.randomUUID(), "Max Mustermann", "max@example.org");
        // Snapshots are taken on a thread of their own, after the command's commit.
        await().atMost(Duration.ofSeconds(30)).until(() -> jdbc.queryForObject(
                "select count(*) from snapshotevententry where aggregateidentifier = ? and sequencenumber = 2",
                Integer.class, meetingId.toString()) == 1);
    }

    /** The real snapshot, made to claim a thousand free seats and no registrations, under {@code revision}. */
    private void rewriteSnapshotToClaimFreeSeats(String revision) throws IOException {
        byte[] payload = jdbc.queryForObject("select payload from snapshotevententry where aggregateidentifier = ?",
                byte[].class, meetingId.toString());
        ObjectNode meeting = (ObjectNode) JSON.readTree(payload);
        assertThat(meeting.path("confirmedSeats").asInt()).as("the real snapshot").isEqualTo(2);
        meeting.put("capacity", 1000).put("confirmedSeats", 0);
        meeting.putObject("registrations");
        meeting.putObject("activeByEmail");
        meeting.putArray("waitingList");
        jdbc.update("update snapshotevententry set payload = ?, payloadrevision = ? where aggregateidentifier = ?",
                JSON.writeValueAsBytes(meeting), revision, meetingId.toString());
    }

    private Response registerAfterTheCacheLostTheMeeting() {
        meetingCache.removeAll();
        return api.register(meetingId, UUID.randomUUID(), "Anna Beispiel", "anna@example.org");
    }
}
