package de.participation.command.personaldata;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Array;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The key table in PostgreSQL: one AES key per registration, with the meeting and organisation it
 * belongs to (so that an organiser can be given only their own). Calls run on the connection of
 * the surrounding transaction, so a key is created and deleted together with its event. Beside each
 * key, the hash of its participant's email within the meeting: the index by which a meeting
 * recognises a person, deleted with the key. Also holds the one key of these hashes (V8).
 */
@Component
class ParticipantKeys {

    /** A registration's key and the organisation of its meeting. */
    record ParticipantKey(UUID registrationId, String organisation, byte[] secret) {
    }

    private final JdbcTemplate jdbc;
    private volatile EmailHasher emailHasher;

    ParticipantKeys(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * What identifies a registration's participant: its key, the digest of name and organisation,
     * and the hash of the email within the meeting.
     */
    record Identity(UUID meetingId, byte[] secret, byte[] digest, String emailHash) {
    }

    void create(UUID registrationId, UUID meetingId, String organisation, byte[] secret, byte[] digest,
                String emailHash) {
        jdbc.update("""
                insert into participant_key (registration_id, meeting_id, organisation, secret, digest, email_hash)
                values (?, ?, ?, ?, ?, ?)""", registrationId, meetingId, organisation, secret, digest, emailHash);
    }

    Optional<Identity> identityOf(UUID registrationId) {
        return jdbc.query("select meeting_id, secret, digest, email_hash from participant_key where registration_id = ?",
                (row, index) -> new Identity(row.getObject(1, UUID.class), row.getBytes(2), row.getBytes(3),
                        row.getString(4)), registrationId).stream().findFirst();
    }

    Map<UUID, String> emailHashesOf(UUID meetingId) {
        Map<UUID, String> hashes = new HashMap<>();
        jdbc.query("select registration_id, email_hash from participant_key where meeting_id = ?",
                row -> {
                    hashes.put(row.getObject(1, UUID.class), row.getString(2));
                }, meetingId);
        return hashes;
    }

    /** The keys of those registrations that still have one (erased ones do not). */
    List<ParticipantKey> keysOf(Collection<UUID> registrationIds) {
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
            emailHasher = new EmailHasher(jdbc.queryForObject("select secret from email_index_key", byte[].class));
        }
        return emailHasher;
    }
}
