package de.participation.command.meeting;

import de.participation.command.support.CommandServiceIT;
import de.participation.command.support.StoredEvents.StoredEvent;
import de.participation.command.support.TestTokens;
import de.participation.command.writing.MeetingWriters;
import de.participation.events.Participant;
import de.participation.localstack.JsonHttp.Response;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A command refused by a rule leaves nothing behind, even when the rule fails only after the
 * command has written: its registration id claim, its participant key, its erasure and its events
 * are rolled back with the unit of work, and the caller gets the rule's problem answer.
 *
 * <p>The Meeting's handlers check every rule before their first write today (the id claim is the
 * last rule and writes only when it succeeds; erasure checks its rules before deleting the key),
 * so no real command fails late. The late rule here is a test interceptor that lets the real
 * handler do all its work (claim, key, event) and then throws a rule violation, as a rule checked
 * after the writes would.
 */
class RejectionRollbackIT extends CommandServiceIT {

    @Autowired
    CommandBus commandBus;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MeetingWriters writers;

    private Registration lateRule;

    @AfterEach
    void removeLateRule() {
        if (lateRule != null) {
            lateRule.cancel();
        }
    }

    @Test
    void aRegistrationRefusedAfterItsClaimAndKeyWereWrittenLeavesNeither() {
        UUID meetingId = UUID.randomUUID();
        UUID registrationId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        failLateOn(command -> command instanceof RegisterParticipant register
                && register.registrationId().equals(registrationId), Rejection.MEETING_FULL);

        Response refused = api.register(meetingId, registrationId, "Erika Mustermann", "erika@example.org");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("code").asText()).isEqualTo("MEETING_FULL");
        assertThat(rows("registration_id", registrationId)).as("the id claim").isZero();
        assertThat(rows("participant_key", registrationId)).as("the participant's key").isZero();
        assertThat(stored.of(meetingId)).extracting(StoredEvent::simpleType).containsExactly("MeetingScheduled");

        lateRule.cancel();
        lateRule = null;
        assertThat(api.register(meetingId, UUID.randomUUID(), "Erika Mustermann", "erika@example.org").status())
                .as("the meeting does not hold her refused registration").isEqualTo(201);
        UUID otherMeetingId = UUID.randomUUID();
        api.scheduleMeeting(otherMeetingId, 5);
        assertThat(api.register(otherMeetingId, registrationId, "Erika Mustermann", "erika@example.org").status())
                .as("the id is free for another meeting").isEqualTo(201);
    }

    @Test
    void anErasureRefusedAfterTheKeyWasDeletedKeepsTheKey() {
        UUID meetingId = UUID.randomUUID();
        UUID registrationId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        assertThat(api.register(meetingId, registrationId, "Max Mustermann", "max@example.org").status())
                .isEqualTo(201);
        failLateOn(command -> command instanceof EraseParticipantData erase
                && erase.registrationId().equals(registrationId), Rejection.NOT_ORGANISER);

        Response refused = erase(registrationId);

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().path("code").asText()).isEqualTo("FORBIDDEN");
        assertThat(rows("participant_key", registrationId)).as("the participant's key").isOne();
        assertThat(stored.of(meetingId)).extracting(StoredEvent::simpleType)
                .containsExactly("MeetingScheduled", "ParticipantRegistered");

        lateRule.cancel();
        lateRule = null;
        assertThat(erase(registrationId).status()).as("the meeting does not believe it erased").isEqualTo(200);
        assertThat(rows("participant_key", registrationId)).isZero();
        assertThat(stored.of(meetingId)).extracting(StoredEvent::simpleType)
                .containsExactly("MeetingScheduled", "ParticipantRegistered", "ParticipantDataErased");
    }

    @Test
    void aCommandRefusedLateInABatchLeavesNothingAndTheOthersOfItsBatchAreStored() throws Exception {
        UUID meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        UUID first = UUID.randomUUID();
        UUID before = UUID.randomUUID();
        UUID refused = UUID.randomUUID();
        UUID after = UUID.randomUUID();
        CountDownLatch firstDecided = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // The first command holds the meeting's writer until the three others are queued behind it,
        // so that those three are decided and committed together in the next batch.
        lateRule = commandBus.registerHandlerInterceptor((unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (unitOfWork.getMessage().getPayload() instanceof RegisterParticipant register) {
                if (register.registrationId().equals(first)) {
                    firstDecided.countDown();
                    release.await();
                } else if (register.registrationId().equals(refused)) {
                    throw new MeetingRuleViolation(Rejection.MEETING_FULL, "a rule found broken after the command wrote");
                }
            }
            return result;
        });
        var firstAnswer = writers.submit(registration(meetingId, first, "first@example.org"));
        firstDecided.await();
        var beforeAnswer = writers.submit(registration(meetingId, before, "before@example.org"));
        var refusedAnswer = writers.submit(registration(meetingId, refused, "refused@example.org"));
        var afterAnswer = writers.submit(registration(meetingId, after, "after@example.org"));
        release.countDown();

        assertThat(firstAnswer.get().isExceptional()).isFalse();
        assertThat(beforeAnswer.get().isExceptional()).isFalse();
        assertThat(refusedAnswer.get().exceptionResult()).isInstanceOf(MeetingRuleViolation.class);
        assertThat(afterAnswer.get().isExceptional()).isFalse();
        assertThat(rows("registration_id", refused)).as("the refused command's id claim").isZero();
        assertThat(rows("participant_key", refused)).as("the refused command's key").isZero();
        for (UUID accepted : List.of(first, before, after)) {
            assertThat(rows("registration_id", accepted)).as("an accepted command's id claim").isOne();
            assertThat(rows("participant_key", accepted)).as("an accepted command's key").isOne();
        }
        assertThat(stored.of(meetingId)).extracting(StoredEvent::simpleType).containsExactly("MeetingScheduled",
                "ParticipantRegistered", "ParticipantRegistered", "ParticipantRegistered");
    }

    private static CommandMessage<RegisterParticipant> registration(UUID meetingId, UUID registrationId, String email) {
        return GenericCommandMessage.asCommandMessage(new RegisterParticipant(meetingId, registrationId,
                new Participant("Teilnehmerin", email, null), true));
    }

    /** After the real handler of a matching command has done all its work, a rule fails. */
    private void failLateOn(Predicate<Object> command, Rejection rejection) {
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = (unitOfWork, chain) -> {
            Object result = chain.proceed();
            if (command.test(unitOfWork.getMessage().getPayload())) {
                throw new MeetingRuleViolation(rejection, "a rule found broken after the command wrote");
            }
            return result;
        };
        lateRule = commandBus.registerHandlerInterceptor(interceptor);
    }

    private Response erase(UUID registrationId) {
        return api.post("/api/v1/registrations/" + registrationId + "/erasure", null,
                "Authorization", "Bearer " + TestTokens.organiser());
    }

    private int rows(String table, UUID registrationId) {
        return jdbc.queryForObject("select count(*) from " + table + " where registration_id = ?", Integer.class,
                registrationId);
    }
}
