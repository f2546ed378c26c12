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
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More commands for one meeting than its queue holds: the ones that do not fit are answered 503
 * at once and change nothing, every other one is carried out and answered, and the other meetings
 * go on as if nothing happened (each meeting has a queue of its own).
 */
class MeetingOverloadIT {

    private static final int QUEUE = 4;

    private static RunningService service;
    private static Api api;

    record Attempt(UUID registrationId, Response response) {
    }

    @BeforeAll
    static void start() {
        // A long wait for the answer, so that every 503 here comes from a full queue.
        service = RunningService.on(TestDatabase.create(), "--participation.commands.queue-per-meeting=" + QUEUE,
                "--participation.commands.max-wait=60s");
        api = service.api();
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void aFullQueueAnswers503WithRetryAfterChangesNothingAndHoldsUpNoOtherMeeting() throws Exception {
        UUID rushed = UUID.randomUUID();
        UUID quiet = UUID.randomUUID();
        api.scheduleMeeting(rushed, 100);
        api.scheduleMeeting(quiet, 100);
        CompletableFuture<List<Response>> meanwhile = CompletableFuture.supplyAsync(() -> IntStream.range(0, 30)
                .mapToObj(i -> api.register(quiet, UUID.randomUUID(), "Ruhig " + i, "quiet" + i + "@example.org"))
                .toList());

        List<Attempt> attempts = ConcurrentRequests.run(64, IntStream.range(0, 600)
                .<Callable<Attempt>>mapToObj(i -> () -> {
            UUID registrationId = UUID.randomUUID();
            return new Attempt(registrationId,
                    api.register(rushed, registrationId, "Teilnehmer " + i, "person" + i + "@example.org"));
        }).toList());

        assertThat(attempts).extracting(a -> a.response().status()).containsOnly(201, 503);
        List<Attempt> refused = attempts.stream().filter(a -> a.response().status() == 503).toList();
        assertThat(refused).isNotEmpty().allSatisfy(a -> {
            assertThat(a.response().body().path("code").asText()).isEqualTo("BUSY");
            assertThat(a.response().raw().headers().firstValue("Retry-After")).isPresent();
        });
        List<String> stored = registrationsStored(rushed);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(attempts.stream()
                .filter(a -> a.response().status() == 201).map(a -> a.registrationId().toString()).toList());
        assertThat(meanwhile.get()).extracting(Response::status).containsOnly(201);
        Invariants.assertHeldThroughout(service.storedEvents().of(rushed));
    }

    private static List<String> registrationsStored(UUID meetingId) {
        return service.jdbc().queryForList("""
                select convert_from(payload, 'UTF8')::json ->> 'registrationId' from domainevententry
                where aggregateidentifier = ? and sequencenumber > 0""", String.class, meetingId.toString());
    }
}
