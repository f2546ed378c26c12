package de.participation.command.config;

import de.participation.command.support.RunningService;
import de.participation.command.support.TestDatabase;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A meeting stored before the waiting list's second version, as it lies in PostgreSQL (no payload
 * revision, none of the new fields), is read with the meaning it had: one seat per registration,
 * promotion at once, in strict order; the events stored from now on carry their schema version.
 */
class StoredEventUpcasterIT {

    private final String database = TestDatabase.create();
    private final UUID meetingId = UUID.randomUUID();
    private final UUID erika = UUID.randomUUID();
    private final UUID max = UUID.randomUUID();

    @Test
    void aMeetingStoredBeforeVersion2KeepsItsMeaning() {
        try (RunningService before = RunningService.on(database)) {
            before.api().scheduleMeeting(meetingId, 1);
            before.api().register(meetingId, erika, "Erika Mustermann", "erika@example.org");
            before.api().register(meetingId, max, "Max Mustermann", "max@example.org");
            // as the previous version wrote them
            before.jdbc().update("""
                    update domainevententry set payloadrevision = null, payload = convert_to((convert_from(payload, 'UTF8')::jsonb
                        - 'seats' - 'passed' #- '{waitingList,promotion}' #- '{waitingList,offerHours}'
                        #- '{waitingList,groupPolicy}')::text, 'UTF8')
                    where aggregateidentifier = ?""", meetingId.toString());
            before.jdbc().update("delete from snapshotevententry where aggregateidentifier = ?", meetingId.toString());
            assertThat(before.storedEvents().of(meetingId).get(1).payload()).doesNotContain("seats");
        }

        try (RunningService after = RunningService.on(database)) {
            Response cancelled = after.api().cancelRegistration(meetingId, erika);

            assertThat(cancelled.status()).isEqualTo(200);
            assertThat(cancelled.body().path("promoted").toString()).isEqualTo("[\"" + max + "\"]");
            assertThat(after.jdbc().queryForList("""
                    select payloadrevision from domainevententry where aggregateidentifier = ? order by sequencenumber""",
                    String.class, meetingId.toString())).containsExactly(null, null, null, "2", "2");
            assertThat(after.storedEvents().of(meetingId).getLast().payload()).contains("\"seats\":1");
        }
    }
}
