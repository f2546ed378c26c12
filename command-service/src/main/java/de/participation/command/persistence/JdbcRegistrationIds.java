package de.participation.command.persistence;

import de.participation.command.meeting.RegistrationIds;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.UUID;

/**
 * The registry in PostgreSQL. It runs on the connection of the command's transaction, so a claim
 * commits or rolls back together with the registration's event. A concurrent claim of the same id
 * waits on the primary key until the first transaction ends, then sees its owner.
 */
@Component
class JdbcRegistrationIds implements RegistrationIds {

    private final JdbcTemplate jdbc;

    JdbcRegistrationIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public UUID claim(UUID registrationId, UUID meetingId) {
        int claimed = jdbc.update("""
                insert into registration_id (registration_id, meeting_id) values (?, ?)
                on conflict (registration_id) do nothing""", registrationId, meetingId);
        if (claimed == 1) {
            return meetingId;
        }
        return meetingOf(registrationId).orElseThrow();
    }

    @Override
    public Optional<UUID> meetingOf(UUID registrationId) {
        return jdbc.queryForList("select meeting_id from registration_id where registration_id = ?", UUID.class,
                registrationId).stream().findFirst();
    }
}
