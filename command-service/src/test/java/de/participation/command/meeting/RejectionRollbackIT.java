package de.participation.command.meeting;

import de.participation.command.support.CommandServiceIT;
import de.participation.events.Participant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * A rule that fails late, after the command has already written something (claimed a registration
 * id, created a key, erased another key), leaves none of it behind: the unit of work rolls back on
 * a rule violation as on any exception. Today's handlers check their rules before they write; this
 * keeps the guarantee when a handler someday does not.
 */
class RejectionRollbackIT extends CommandServiceIT {

    record WriteThenBreakARule(UUID meetingId, UUID registrationId, UUID erasedRegistrationId) {
    }

    /** A handler that writes through every port first and then finds a rule broken. */
    static class LateRuleHandler {

        private final RegistrationIds registrationIds;
        private final PersonalDataVault vault;

        LateRuleHandler(RegistrationIds registrationIds, PersonalDataVault vault) {
            this.registrationIds = registrationIds;
            this.vault = vault;
        }

        @CommandHandler
        void handle(WriteThenBreakARule command) throws MeetingRuleViolation {
            registrationIds.claim(command.registrationId(), command.meetingId());
            vault.seal(command.registrationId(), command.meetingId(), "SMWA",
                    new Participant("Erika Mustermann", "erika@example.org", null));
            vault.erase(command.erasedRegistrationId());
            throw new MeetingRuleViolation(Rejection.MEETING_FULL, "found full only after writing");
        }
    }

    @TestConfiguration
    static class LateRule {

        @Bean
        LateRuleHandler lateRuleHandler(RegistrationIds registrationIds, PersonalDataVault vault) {
            return new LateRuleHandler(registrationIds, vault);
        }
    }

    @Autowired
    CommandGateway commands;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aRuleViolationRollsBackWhatTheCommandWroteBeforeIt() {
        UUID meetingId = UUID.randomUUID();
        UUID kept = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 5);
        assertThat(api.register(meetingId, kept, "Max Mustermann", "max@example.org").status()).isEqualTo(201);
        UUID refused = UUID.randomUUID();

        Throwable failure = catchThrowable(() -> commands.send(new WriteThenBreakARule(meetingId, refused, kept)).join());

        assertThat(failure).isInstanceOf(CompletionException.class).cause().isInstanceOf(MeetingRuleViolation.class);
        assertThat(rows("registration_id", refused)).as("the id claim").isZero();
        assertThat(rows("participant_key", refused)).as("the new key").isZero();
        assertThat(rows("participant_key", kept)).as("the erased key").isOne();
    }

    private int rows(String table, UUID registrationId) {
        return jdbc.queryForObject("select count(*) from " + table + " where registration_id = ?", Integer.class,
                registrationId);
    }
}
