package de.participation.command.personaldata;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The key table in PostgreSQL: one AES key per registration, with the meeting and organisation it
 * belongs to (so that an organiser can be given only their own). Calls run on the connection of
 * the surrounding transaction, so a key is created and deleted together with its event. Also holds
 * the one key of the email hashes, created by the migration that introduced sealing.
 */
@Component
public class ParticipantKeys {

    /** A registration's key and the organisation of its meeting. */
    public record ParticipantKey(UUID registrationId, String organisation, byte[] secret) {
    }

    private final JdbcTemplate jdbc;
    private volatile EmailHasher emailHasher;

    ParticipantKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A registration's key and the digest of its participant's name and organisation. */
    record KeyAndDigest(byte[] secret, byte[] digest) {
    }

    void create(UUID registrationId, UUID meetingId, String organisation, byte[] secret, byte[] digest) {
        jdbc.update("""
                insert into participant_key (registration_id, meeting_id, organisation, secret, digest)
                values (?, ?, ?, ?, ?)""", registrationId, meetingId, organisation, secret, digest);
    }

    Optional<KeyAndDigest> keyAndDigestOf(UUID registrationId) {
        return jdbc.query("select secret, digest from participant_key where registration_id = ?",
                (row, index) -> new KeyAndDigest(row.getBytes(1), row.getBytes(2)), registrationId).stream().findFirst();
    }

    /** The keys of those registrations that still have one (erased ones do not). */
    public List<ParticipantKey> keysOf(Collection<UUID> registrationIds) {
        return jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "select registration_id, organisation, secret from participant_key where registration_id = any(?)");
            Array ids = connection.createArrayOf("uuid", registrationIds.toArray());
            statement.setArray(1, ids);
            return statement;
        }, (row, index) -> new ParticipantKey(row.getObject(1, UUID.class), row.getString(2), row.getBytes(3)));
    }

    void delete(UUID registrationId) {
        jdbc.update("delete from participant_key where registration_id = ?", registrationId);
    }

    EmailHasher emailHasher() {
        if (emailHasher == null) {
            emailHasher = new EmailHasher(jdbc.queryForObject("select secret from email_hash_key", byte[].class));
        }
        return emailHasher;
    }
}
