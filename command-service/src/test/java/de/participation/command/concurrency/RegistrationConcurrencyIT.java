package de.participation.command.concurrency;

import de.participation.command.support.CommandServiceIT;
import de.participation.command.support.ConcurrentRequests;
import de.participation.command.support.Invariants;
import de.participation.command.support.StoredEvents;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Many real threads against one meeting, through HTTP and the real event store. */
class RegistrationConcurrencyIT extends CommandServiceIT {

    private static final int THREADS = 64;

    record Registered(UUID registrationId, Response response) {
    }

    @Test
    void burstOf200OnCapacity50NeverOverbooksAndPromotesInOrder() throws Exception {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 50);

        List<Callable<Registered>> registrations = IntStream.range(0, 200).<Callable<Registered>>mapToObj(i -> () -> {
            UUID registrationId = UUID.randomUUID();
            return new Registered(registrationId,
                    api.register(meetingId, registrationId, "Teilnehmer " + i, "person" + i + "@example.org"));
        }).toList();
        List<Registered> results = ConcurrentRequests.run(THREADS, registrations);

        assertThat(results).allSatisfy(r -> assertThat(r.response().status()).isEqualTo(201));
        Map<String, List<Registered>> byStatus = results.stream()
                .collect(Collectors.groupingBy(r -> r.response().body().path("status").asText()));
        assertThat(byStatus.get("CONFIRMED")).hasSize(50);
        assertThat(byStatus.get("WAITLISTED")).hasSize(150);
        List<Registered> waitingList = byStatus.get("WAITLISTED").stream()
                .sorted(Comparator.comparingInt(r -> r.response().body().path("waitingListPosition").asInt()))
                .toList();
        assertThat(waitingList).extracting(r -> r.response().body().path("waitingListPosition").asInt())
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 150).boxed().toList());
        assertThat(results).extracting(r -> r.response().body().path("sequence").asLong())
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(IntStream.rangeClosed(1, 200).mapToObj(i -> (long) i).toList());

        List<UUID> cancelled = byStatus.get("CONFIRMED").subList(0, 10).stream().map(Registered::registrationId).toList();
        List<Response> cancellations = ConcurrentRequests.run(THREADS, cancelled.stream()
                .<Callable<Response>>map(id -> () -> api.cancelRegistration(meetingId, id)).toList());

        assertThat(cancellations).allSatisfy(c -> {
            assertThat(c.status()).isEqualTo(200);
            assertThat(c.body().path("promoted")).hasSize(1);
        });
        List<String> promotedInCommitOrder = cancellations.stream()
                .sorted(Comparator.comparingLong(c -> c.body().path("sequence").asLong()))
                .map(c -> c.body().path("promoted").get(0).asText())
                .toList();
        assertThat(promotedInCommitOrder).containsExactlyElementsOf(waitingList.subList(0, 10).stream()
                .map(r -> r.registrationId().toString()).toList());

        Registered next = waitingList.get(10);
        Response retry = api.post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Teilnehmer %s", "email": "person%s@example.org"}}"""
                .formatted(next.registrationId(), indexOf(results, next), indexOf(results, next)));
        assertThat(retry.status()).isEqualTo(200);
        assertThat(retry.body().path("waitingListPosition").asInt()).isEqualTo(1);
        Invariants.assertHeldThroughout(stored.of(meetingId));
    }

    @Test
    void concurrentRetriesOfOneRegistrationHaveOneEffect() throws Exception {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        UUID registrationId = UUID.randomUUID();

        List<Response> responses = ConcurrentRequests.run(THREADS, IntStream.range(0, 50)
                .<Callable<Response>>mapToObj(i -> () -> api.register(meetingId, registrationId, "Erika Mustermann",
                        "erika@example.org"))
                .toList());

        Map<Integer, Long> statuses = responses.stream()
                .collect(Collectors.groupingBy(Response::status, Collectors.counting()));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 200, 49L));
        assertThat(responses).extracting(r -> r.body().path("status").asText()).containsOnly("CONFIRMED");
        assertThat(responses).extracting(r -> r.body().path("sequence").asLong()).containsOnly(1L);
        assertThat(stored.of(meetingId)).extracting(StoredEvents.StoredEvent::simpleType)
                .containsExactly("MeetingScheduled", "ParticipantRegistered");
    }

    @Test
    void concurrentScheduleOfOneMeetingIdHasOneEffect() throws Exception {
        UUID meetingId = UUID.randomUUID();

        List<Response> responses = ConcurrentRequests.run(THREADS, IntStream.range(0, 20)
                .<Callable<Response>>mapToObj(i -> () -> api.scheduleMeeting(meetingId, 10)).toList());

        assertThat(responses).extracting(Response::status).containsOnly(200, 201).containsOnlyOnce(201);
        assertThat(stored.of(meetingId)).hasSize(1);
    }

    @Test
    void samePersonRacingWithTwoRegistrationIdsGetsOneSeat() throws Exception {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);

        List<Response> responses = ConcurrentRequests.run(THREADS, IntStream.range(0, 30)
                .<Callable<Response>>mapToObj(i -> () -> api.register(meetingId, UUID.randomUUID(), "Erika",
                        (i % 2 == 0 ? "Erika@Example.org" : "erika@example.org")))
                .toList());

        assertThat(responses).extracting(Response::status).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(responses).filteredOn(r -> r.status() == 409)
                .extracting(r -> r.body().path("code").asText()).containsOnly("ALREADY_REGISTERED");
    }

    private static int indexOf(List<Registered> results, Registered registered) {
        return results.indexOf(registered);
    }
}
