package de.participation.command.concurrency;

import de.participation.command.support.Api;
import de.participation.command.support.ConcurrentRequests;
import de.participation.command.support.Invariants;
import de.participation.command.support.RunningService;
import de.participation.command.support.TestDatabase;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The meeting's writer under a rush, over HTTP from many real threads: the commands of one meeting
 * are committed in batches, and the answers, the stored events and the rules agree exactly.
 */
class GroupCommitIT {

    private static final int THREADS = 64;

    private static RunningService service;
    private static Api api;

    record Registered(UUID registrationId, Response response) {

        String status() {
            return response.body().path("status").asText();
        }
    }

    @BeforeAll
    static void start() {
        service = RunningService.on(TestDatabase.create());
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aRushOf5000On1000SeatsConfirmsExactly1000AndNumbersTheWaitingListWithoutAGap() throws Exception {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 1000);

        List<Registered> results = ConcurrentRequests.run(THREADS, IntStream.range(0, 5000)
                .<Callable<Registered>>mapToObj(i -> () -> {
                    UUID registrationId = UUID.randomUUID();
                    return new Registered(registrationId,
                            api.register(meetingId, registrationId, "Teilnehmer " + i, "rush" + i + "@example.org"));
                }).toList());

        assertThat(results).extracting(r -> r.response().status()).containsOnly(201);
        Map<String, List<Registered>> byStatus = results.stream().collect(Collectors.groupingBy(Registered::status));
        assertThat(byStatus.get("CONFIRMED")).hasSize(1000);
        assertThat(byStatus.get("WAITLISTED")).extracting(r -> r.response().body().path("waitingListPosition").asInt())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 4000).boxed().toList());
        assertThat(results).extracting(r -> r.response().body().path("sequence").asLong())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 5000).mapToObj(i -> (long) i).toList());
        assertThat(storedOutcomes(meetingId)).isEqualTo(results.stream().collect(Collectors.toMap(
                r -> r.registrationId().toString(), r -> r.response().body().path("sequence").asLong())));
        assertThat(transactionsThatStored(meetingId)).as("commits carrying the 5000 registrations").isLessThan(2500);
        Invariants.assertHeldThroughout(service.storedEvents().of(meetingId));
    }

    @Test
    void theAnswerOfEachCommandOfABatchIsItsOwn() throws Exception {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        UUID first = UUID.randomUUID();
        api.register(meetingId, first, "Erika", "erika@example.org");

        List<Response> answers = ConcurrentRequests.run(THREADS, List.<Callable<Response>>of(
                () -> api.register(meetingId, first, "Erika", "erika@example.org"),
                () -> api.register(meetingId, UUID.randomUUID(), "Erika", "erika@example.org"),
                () -> api.register(meetingId, first, "Somebody Else", "erika@example.org"),
                () -> api.register(meetingId, UUID.randomUUID(), "Max", "max@example.org")));

        assertThat(answers).extracting(Response::status).containsExactly(200, 409, 409, 201);
        assertThat(answers.get(1).body().path("code").asText()).isEqualTo("ALREADY_REGISTERED");
        assertThat(answers.get(2).body().path("code").asText()).isEqualTo("REGISTRATION_ID_CONFLICT");
        assertThat(service.storedEvents().of(meetingId)).hasSize(3);
    }

    /** Registration id to the sequence of its event, as stored. */
    private static Map<String, Long> storedOutcomes(UUID meetingId) {
        return service.jdbc().query("""
                        select convert_from(payload, 'UTF8')::json ->> 'registrationId', sequencenumber
                        from domainevententry where aggregateidentifier = ? and sequencenumber > 0""",
                (row, index) -> Map.entry(row.getString(1), row.getLong(2)), meetingId.toString()).stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** How many transactions wrote the meeting's events (PostgreSQL's xmin of each row names it). */
    private static long transactionsThatStored(UUID meetingId) {
        return service.jdbc().queryForObject(
                "select count(distinct xmin::text) from domainevententry where aggregateidentifier = ?",
                Long.class, meetingId.toString());
    }
}
