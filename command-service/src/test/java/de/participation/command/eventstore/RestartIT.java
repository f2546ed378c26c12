package de.participation.command.eventstore;

import de.participation.command.support.Api;
import de.participation.command.support.RunningService;
import de.participation.command.support.TestDatabase;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Acknowledged events are in PostgreSQL, not in the service's memory: a restarted service knows them. */
class RestartIT {

    @Test
    void meetingsAndRegistrationsSurviveARestart() {
        String database = TestDatabase.create();
        UUID meetingId = UUID.randomUUID();
        UUID erika = UUID.randomUUID();
        UUID max = UUID.randomUUID();

        try (RunningService service = RunningService.on(database)) {
            Api api = service.api();
            api.scheduleMeeting(meetingId, 1);
            api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
            api.register(meetingId, max, "Max Mustermann", "max@example.org");
        }

        try (RunningService restarted = RunningService.on(database)) {
            Api api = restarted.api();
            Response retry = api.register(meetingId, max, "Max Mustermann", "max@example.org");
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.body().path("status").asText()).isEqualTo("WAITLISTED");
            assertThat(retry.body().path("waitingListPosition").asInt()).isEqualTo(1);
            assertThat(retry.body().path("sequence").asLong()).isEqualTo(2);

            Response cancelled = api.cancelRegistration(meetingId, erika);
            assertThat(cancelled.body().path("promoted").get(0).asText()).isEqualTo(max.toString());
            assertThat(cancelled.body().path("sequence").asLong()).isEqualTo(4);
            assertThat(restarted.storedEvents().of(meetingId)).extracting(e -> e.simpleType()).containsExactly(
                    "MeetingScheduled", "ParticipantRegistered", "ParticipantWaitlisted", "RegistrationCancelled",
                    "WaitlistedParticipantPromoted");
        }
    }
}
