package de.participation.command.personaldata;

import de.participation.web.keys.KeyEncryptionKeys;
import de.participation.web.keys.WrappedKey;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
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
 * <p>
 * Since V9 every key is stored wrapped by a key-encryption key that is not in the database
 * ({@link KeyEncryptionKeys}), bound to its row: a registration's key to its registration id, the
 * hashes' key to {@link #EMAIL_INDEX_KEY_CONTEXT}. A copy of the database alone opens nothing.
 */
@Component
class ParticipantKeys {

    /** A registration's key and the organisation of its meeting. */
    record ParticipantKey(UUID registrationId, String organisation, byte[] secret) {
    }

    /** What the wrapped key of the email hashes is bound to: its table, which has a single row. */
    static final byte[] EMAIL_INDEX_KEY_CONTEXT = "email_index_key".getBytes(StandardCharsets.US_ASCII);

    private final JdbcTemplate jdbc;
    private final KeyEncryptionKeys keyEncryptionKeys;
    private volatile EmailHasher emailHasher;

    ParticipantKeys(JdbcTemplate jdbc, KeyEncryptionKeys keyEncryptionKeys) {
        this.jdbc = jdbc;
        this.keyEncryptionKeys = keyEncryptionKeys;
    }

    /** What a registration's wrapped key is bound to: its registration id. */
    static byte[] contextOf(UUID registrationId) {
        return registrationId.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * What identifies a registration's participant: its key, the digest of name and organisation,
     * and the hash of the email within the meeting.
     */
    record Identity(UUID meetingId, byte[] secret, byte[] digest, String emailHash) {
    }

    void create(UUID registrationId, UUID meetingId, String organisation, byte[] secret, byte[] digest,
                String emailHash) {
        WrappedKey wrapped = keyEncryptionKeys.wrap(secret, contextOf(registrationId));
        jdbc.update("""
                insert into participant_key (registration_id, meeting_id, organisation, kek_id, wrapped_key, digest,
                  email_hash)
                values (?, ?, ?, ?, ?, ?, ?)""", registrationId, meetingId, organisation, wrapped.kekId(),
                wrapped.bytes(), digest, emailHash);
    }

    Optional<Identity> identityOf(UUID registrationId) {
        return jdbc.query("""
                        select meeting_id, kek_id, wrapped_key, digest, email_hash from participant_key
                        where registration_id = ?""",
                (row, index) -> new Identity(row.getObject(1, UUID.class), unwrap(row, 2, registrationId),
                        row.getBytes(4), row.getString(5)), registrationId).stream().findFirst();
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
                    "select registration_id, organisation, kek_id, wrapped_key from participant_key where registration_id = any(?)");
            Array ids = connection.createArrayOf("uuid", registrationIds.toArray());
            statement.setArray(1, ids);
            return statement;
        }, (row, index) -> {
            UUID registrationId = row.getObject(1, UUID.class);
            return new ParticipantKey(registrationId, row.getString(2), unwrap(row, 3, registrationId));
        });
    }

    void delete(UUID registrationId) {
        jdbc.update("delete from participant_key where registration_id = ?", registrationId);
    }

    /** How many registrations' keys each key-encryption key wraps. */
    Map<String, Long> keysPerKeyEncryptionKey() {
        Map<String, Long> counts = new HashMap<>();
        jdbc.query("select kek_id, count(*) from participant_key group by kek_id",
                row -> {
                    counts.put(row.getString(1), row.getLong(2));
                });
        return counts;
    }

    /** The key-encryption key that wraps the key of the email hashes. */
    String emailIndexKeyEncryptionKey() {
        return jdbc.queryForObject("select kek_id from email_index_key", String.class);
    }

    /**
     * Wraps up to {@code limit} registrations' keys that {@code kekId} wraps under the current KEK,
     * in the caller's transaction; rows another instance is re-wrapping (or being erased) are
     * skipped, so instances can run this side by side. The number re-wrapped; 0 when none is left.
     */
    int rewrap(String kekId, int limit) {
        List<Object[]> rewrapped = jdbc.query("""
                        select registration_id, wrapped_key from participant_key where kek_id = ?
                        limit ? for update skip locked""",
                (row, index) -> {
                    UUID registrationId = row.getObject(1, UUID.class);
                    WrappedKey wrapped = rewrapped(new WrappedKey(kekId, row.getBytes(2)), contextOf(registrationId));
                    return new Object[]{wrapped.kekId(), wrapped.bytes(), registrationId};
                }, kekId, limit);
        jdbc.batchUpdate("update participant_key set kek_id = ?, wrapped_key = ? where registration_id = ?", rewrapped);
        return rewrapped.size();
    }

    /**
     * Wraps the key of the email hashes under the current KEK, in the caller's transaction, unless
     * it is so already or its KEK is not held.
     */
    void rewrapEmailIndexKey() {
        jdbc.query("select kek_id, wrapped_key from email_index_key where kek_id <> ? for update", row -> {
            if (keyEncryptionKeys.holds(row.getString(1))) {
                WrappedKey wrapped = rewrapped(new WrappedKey(row.getString(1), row.getBytes(2)), EMAIL_INDEX_KEY_CONTEXT);
                jdbc.update("update email_index_key set kek_id = ?, wrapped_key = ?", wrapped.kekId(), wrapped.bytes());
            }
        }, keyEncryptionKeys.currentId());
    }

    /** The key in {@code wrapped}, wrapped under the current KEK instead. */
    private WrappedKey rewrapped(WrappedKey wrapped, byte[] context) {
        return keyEncryptionKeys.wrap(keyEncryptionKeys.unwrap(wrapped, context), context);
    }

    EmailHasher emailHasher() {
        if (emailHasher == null) {
            emailHasher = new EmailHasher(jdbc.queryForObject("select kek_id, wrapped_key from email_index_key",
                    (row, index) -> keyEncryptionKeys.unwrap(new WrappedKey(row.getString(1), row.getBytes(2)),
                            EMAIL_INDEX_KEY_CONTEXT)));
        }
        return emailHasher;
    }

    /** The key wrapped in the columns kek_id and wrapped_key, from {@code column} on. */
    private byte[] unwrap(ResultSet row, int column, UUID registrationId) throws SQLException {
        return keyEncryptionKeys.unwrap(new WrappedKey(row.getString(column), row.getBytes(column + 1)),
                contextOf(registrationId));
    }
}
