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

import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two command-service instances on one event store, each with its own cache and its own writer per
 * meeting: the store's unique key lets only one batch append at a given sequence, the other
 * instance decides its batch again on the fresh meeting, the invariants hold, and neither answers
 * from stale state.
 */
class TwoInstancesIT {

    private static RunningService first;
    private static RunningService second;

    @BeforeAll
    static void start() {
        String database = TestDatabase.create();
        first = RunningService.on(database);
        second = RunningService.on(database);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
    }

    /**
     * Each instance recognises people by an index it keeps in memory: one that another instance
     * registered since is recognised all the same, also when the same address arrives at both at once.
     */
    @Test
    void aPersonRegisteredThroughOneInstanceIsRecognisedByTheOther() throws Exception {
        UUID meetingId = UUID.randomUUID();
        first.api().scheduleMeeting(meetingId, 50);
        assertThat(first.api().register(meetingId, UUID.randomUUID(), "Erika", "erika@example.org").status())
                .isEqualTo(201);
        assertThat(second.api().register(meetingId, UUID.randomUUID(), "Max", "max@example.org").status())
                .isEqualTo(201);

        assertThat(first.api().register(meetingId, UUID.randomUUID(), "Max M.", " MAX@example.org").body()
                .path("code").asText()).isEqualTo("ALREADY_REGISTERED");
        assertThat(second.api().register(meetingId, UUID.randomUUID(), "Erika M.", "erika@example.org").body()
                .path("code").asText()).isEqualTo("ALREADY_REGISTERED");
        List<Api> instances = List.of(first.api(), second.api());
        List<Response> sameAddressAtOnce = ConcurrentRequests.run(16, IntStream.range(0, 16)
                .<Callable<Response>>mapToObj(i -> () -> instances.get(i % 2)
                        .register(meetingId, UUID.randomUUID(), "Lea " + i, "lea@example.org"))
                .toList());
        assertThat(sameAddressAtOnce).extracting(Response::status).containsOnlyOnce(201).containsOnly(201, 409);
    }

    @Test
    void burstSpreadOverTwoInstancesNeverOverbooks() throws Exception {
        UUID meetingId = UUID.randomUUID();
        first.api().scheduleMeeting(meetingId, 50);
        List<Api> instances = List.of(first.api(), second.api());

        List<Response> responses = ConcurrentRequests.run(64, IntStream.range(0, 200)
                .<Callable<Response>>mapToObj(i -> () -> instances.get(i % 2)
                        .register(meetingId, UUID.randomUUID(), "Teilnehmer " + i, "person" + i + "@example.org"))
                .toList());

        assertThat(responses).extracting(Response::status).containsOnly(201);
        assertThat(responses).filteredOn(r -> r.body().path("status").asText().equals("CONFIRMED")).hasSize(50);
        assertThat(responses).filteredOn(r -> r.body().path("status").asText().equals("WAITLISTED"))
                .extracting(r -> r.body().path("waitingListPosition").asInt())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 150).boxed().toList());
        assertThat(responses.stream().map(r -> r.body().path("sequence").asLong()).sorted().toList())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList());
        Invariants.assertHeldThroughout(first.storedEvents().of(meetingId));
    }

    @Test
    void rushOnOneMeetingThroughBothInstancesStaysExact() throws Exception {
        UUID meetingId = UUID.randomUUID();
        first.api().scheduleMeeting(meetingId, 300);
        List<Api> instances = List.of(first.api(), second.api());

        List<Response> responses = ConcurrentRequests.run(64, IntStream.range(0, 2000)
                .<Callable<Response>>mapToObj(i -> () -> instances.get(i % 2)
                        .register(meetingId, UUID.randomUUID(), "Teilnehmer " + i, "rush" + i + "@example.org"))
                .toList());

        assertThat(responses).extracting(Response::status).containsOnly(201);
        assertThat(responses).filteredOn(r -> r.body().path("status").asText().equals("CONFIRMED")).hasSize(300);
        assertThat(responses).filteredOn(r -> r.body().path("status").asText().equals("WAITLISTED"))
                .extracting(r -> r.body().path("waitingListPosition").asInt())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 1700).boxed().toList());
        assertThat(responses).extracting(r -> r.body().path("sequence").asLong())
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 2000).mapToObj(i -> (long) i).toList());
        Invariants.assertHeldThroughout(first.storedEvents().of(meetingId));
    }

    @Test
    void instanceSeesRegistrationsMadeOnTheOther() {
        UUID meetingId = UUID.randomUUID();
        first.api().scheduleMeeting(meetingId, 1);
        second.api().register(meetingId, UUID.randomUUID(), "Erika", "erika@example.org");
        UUID max = UUID.randomUUID();
        first.api().register(meetingId, max, "Max", "max@example.org");

        Response retryOnSecond = second.api().register(meetingId, max, "Max", "max@example.org");
        Response cancelOnSecond = second.api().cancelRegistration(meetingId, max);

        assertThat(retryOnSecond.status()).isEqualTo(200);
        assertThat(retryOnSecond.body().path("waitingListPosition").asInt()).isEqualTo(1);
        assertThat(cancelOnSecond.status()).isEqualTo(200);
        assertThat(cancelOnSecond.body().path("sequence").asLong()).isEqualTo(3);
    }

    @Test
    void cancellationsOnBothInstancesPromoteStrictlyInOrder() throws Exception {
        UUID meetingId = UUID.randomUUID();
        first.api().scheduleMeeting(meetingId, 10);
        List<UUID> confirmed = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
        List<UUID> waiting = IntStream.range(0, 10).mapToObj(i -> UUID.randomUUID()).toList();
        for (int i = 0; i < 10; i++) {
            first.api().register(meetingId, confirmed.get(i), "Confirmed " + i, "c" + i + "@example.org");
        }
        for (int i = 0; i < 10; i++) {
            second.api().register(meetingId, waiting.get(i), "Waiting " + i, "w" + i + "@example.org");
        }
        List<Api> instances = List.of(first.api(), second.api());

        List<Response> cancellations = ConcurrentRequests.run(10, IntStream.range(0, 10)
                .<Callable<Response>>mapToObj(i -> () -> instances.get(i % 2).cancelRegistration(meetingId, confirmed.get(i)))
                .toList());

        assertThat(cancellations.stream()
                .sorted(Comparator.comparingLong(c -> c.body().path("sequence").asLong()))
                .map(c -> c.body().path("promoted").get(0).asText()).toList())
                .containsExactlyElementsOf(waiting.stream().map(UUID::toString).toList());
        Invariants.assertHeldThroughout(first.storedEvents().of(meetingId));
    }
}
