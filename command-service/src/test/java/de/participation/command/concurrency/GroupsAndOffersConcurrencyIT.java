package de.participation.command.concurrency;

import de.participation.command.support.CommandServiceIT;
import de.participation.command.support.ConcurrentRequests;
import de.participation.command.support.Invariants;
import de.participation.command.support.StoredEvents.StoredEvent;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rush of single and group registrations on a meeting that offers its freed seats, then
 * cancellations, declines, acceptances and seats given back from many threads at once: every
 * request gets a definite answer, every registration is stored once, and after every command no
 * seat is overbooked and none stays free beside a waiting entry that fits into it.
 */
class GroupsAndOffersConcurrencyIT extends CommandServiceIT {

    private static final int THREADS = 48;

    @ParameterizedTest
    @ValueSource(strings = {"STRICT_ORDER", "FILL_GAPS"})
    void aRushWithGroupsAndOffersThenChangesFromManyThreadsEndsExact(String groupPolicy) throws Exception {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 30, "OFFER", 48, groupPolicy);
        Random random = new Random(20261128);
        List<UUID> ids = IntStream.range(0, 150).mapToObj(i -> UUID.randomUUID()).toList();
        List<Integer> seats = IntStream.range(0, 150).mapToObj(i -> 1 + random.nextInt(4)).toList();

        List<Response> rush = ConcurrentRequests.run(THREADS, IntStream.range(0, ids.size())
                .<Callable<Response>>mapToObj(i -> () -> api.register(meetingId, ids.get(i), "Teilnehmer " + i,
                        "person" + i + "@example.org", seats.get(i)))
                .toList());
        List<UUID> shuffled = new ArrayList<>(ids);
        Collections.shuffle(shuffled, random);
        List<Response> changes = ConcurrentRequests.run(THREADS, IntStream.range(0, 120)
                .<Callable<Response>>mapToObj(i -> {
                    UUID id = shuffled.get(i);
                    return switch (i % 4) {
                        case 0 -> () -> api.cancelRegistration(meetingId, id);
                        case 1 -> () -> api.declineOffer(meetingId, id);
                        case 2 -> () -> api.acceptOffer(meetingId, id);
                        default -> () -> api.giveSeatsBack(meetingId, id, 1);
                    };
                }).toList());

        assertThat(rush).extracting(Response::status).containsOnly(201);
        assertThat(changes).allSatisfy(answer -> assertThat(answer.status()).as(answer.body().toString())
                .isIn(200, 409));
        assertThat(changes).filteredOn(answer -> answer.status() == 409)
                .extracting(answer -> answer.body().path("code").asText())
                .isSubsetOf("NO_OPEN_OFFER", "REGISTRATION_CANCELLED");
        List<StoredEvent> history = stored.of(meetingId);
        assertThat(history.stream().filter(event -> event.simpleType().equals("ParticipantRegistered")
                || event.simpleType().equals("ParticipantWaitlisted"))).hasSize(ids.size());
        assertThat(history).extracting(StoredEvent::simpleType).contains("OfferMade");
        Invariants.assertHeldThroughout(history);
    }
}
