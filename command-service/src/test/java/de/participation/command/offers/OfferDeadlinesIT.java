package de.participation.command.offers;

import de.participation.command.support.Api;
import de.participation.command.support.Invariants;
import de.participation.command.support.MovableAxonClock;
import de.participation.command.support.RunningService;
import de.participation.command.support.StoredEvents.StoredEvent;
import de.participation.command.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Offers' deadlines on the real service and database: they fire with two instances checking them,
 * after a restart, and against an answer that comes too late, and each offer expires exactly once.
 * The instances run in this JVM and share Axon's clock, which the test moves past the deadlines.
 */
class OfferDeadlinesIT {

    private static final String CHECK_OFTEN = "--participation.offers.check-every=100ms";

    @RegisterExtension
    final MovableAxonClock clock = new MovableAxonClock(Instant.now());
    private final String database = TestDatabase.create();
    private final UUID meetingId = UUID.randomUUID();
    private final UUID erika = UUID.randomUUID();
    private final UUID max = UUID.randomUUID();
    private final UUID lea = UUID.randomUUID();
    private final UUID jonas = UUID.randomUUID();

    /** Erika held the only seat and cancelled: Max has an offer for an hour, Lea and Jonas wait. */
    private void anOpenOffer(Api api) {
        api.scheduleMeeting(meetingId, 1, "OFFER", 1, "STRICT_ORDER");
        api.register(meetingId, erika, "Erika Mustermann", "erika@example.org");
        api.register(meetingId, max, "Max Mustermann", "max@example.org");
        api.register(meetingId, lea, "Lea Weber", "lea@example.org");
        api.register(meetingId, jonas, "Jonas Schmidt", "jonas@example.org");
        assertThat(api.cancelRegistration(meetingId, erika).body().path("offered").toString())
                .isEqualTo("[\"" + max + "\"]");
    }

    private static long count(List<StoredEvent> history, String type, UUID registrationId) {
        return history.stream().filter(event -> event.simpleType().equals(type)
                && event.payload().contains("\"registrationId\":\"" + registrationId + "\"")).count();
    }

    @Test
    void withTwoInstancesEachDeadlineExpiresItsOfferOnceAndTheSeatIsOfferedToTheNext() {
        try (RunningService first = RunningService.on(database, CHECK_OFTEN);
             RunningService second = RunningService.on(database, CHECK_OFTEN)) {
            anOpenOffer(first.api());

            clock.advance(Duration.ofMinutes(61));

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count(first.storedEvents().of(meetingId), "OfferMade", lea) == 1
                            && first.jdbc().queryForObject("select count(*) from offer_deadline where registration_id = ?",
                            Long.class, max) == 0);
            List<StoredEvent> history = first.storedEvents().of(meetingId);
            assertThat(count(history, "OfferExpired", max)).isEqualTo(1);
            assertThat(history.getLast().payload()).contains("\"cause\":\"OFFER_EXPIRED\"");
            Invariants.assertHeldThroughout(history);
        }
    }

    @Test
    void aDeadlineThatFellDueWhileNoInstanceRanFiresAfterTheRestart() {
        try (RunningService before = RunningService.on(database)) {
            anOpenOffer(before.api());
        }
        clock.advance(Duration.ofMinutes(61));

        try (RunningService after = RunningService.on(database, CHECK_OFTEN)) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count(after.storedEvents().of(meetingId), "OfferExpired", max) == 1);
            assertThat(count(after.storedEvents().of(meetingId), "OfferMade", lea)).isEqualTo(1);
        }
    }

    @Test
    void anAnswerAfterTheDeadlineIsRefusedAndTheOfferExpiresOnce() {
        try (RunningService service = RunningService.on(database, CHECK_OFTEN)) {
            anOpenOffer(service.api());
            clock.advance(Duration.ofMinutes(60));

            int answered = service.api().acceptOffer(meetingId, max).status();

            assertThat(answered).isEqualTo(409);
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count(service.storedEvents().of(meetingId), "OfferExpired", max) == 1);
            assertThat(count(service.storedEvents().of(meetingId), "OfferAccepted", max)).isZero();
        }
    }

    @Test
    void anAnswerInTimeWinsAndTheDeadlineLaterChangesNothing() {
        try (RunningService service = RunningService.on(database, CHECK_OFTEN)) {
            anOpenOffer(service.api());

            assertThat(service.api().acceptOffer(meetingId, max).status()).isEqualTo(200);
            clock.advance(Duration.ofMinutes(61));

            await().atMost(Duration.ofSeconds(20)).until(() -> service.jdbc().queryForObject(
                    "select count(*) from offer_deadline where registration_id = ?", Long.class, max) == 0);
            assertThat(count(service.storedEvents().of(meetingId), "OfferExpired", max)).isZero();
            assertThat(service.storedEvents().of(meetingId).getLast().simpleType()).isEqualTo("OfferAccepted");
        }
    }
}
