package de.participation.command.personaldata;

import de.participation.command.support.TestKeyEncryptionKeys;
import de.participation.web.keys.KeyEncryptionKeyFile;
import de.participation.web.keys.KeyEncryptionKeys;
import de.participation.web.keys.WrappedKey;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

/**
 * The key tables as they were before V9 wrapped their keys, for tests that make an earlier
 * version's database from one written by today's code (with the tests' key-encryption key).
 */
public final class KeysBeforeV9 {

    private static final KeyEncryptionKeys KEYS = KeyEncryptionKeyFile.of(TestKeyEncryptionKeys.VALUE);

    private KeysBeforeV9() {
    }

    /**
     * Gives a schema from before V9 the columns today's code writes keys to, beside the raw
     * {@code secret} (then nullable), so that the code can write data on it; the key of the email
     * hashes, if there is one, wrapped too.
     */
    public static void addWrappedColumns(JdbcTemplate jdbc) {
        jdbc.execute("""
                alter table participant_key add column kek_id varchar(64), add column wrapped_key bytea,
                  alter column secret drop not null""");
        jdbc.execute("alter table email_index_key add column kek_id varchar(64), add column wrapped_key bytea");
        byte[] secret = jdbc.queryForObject("select secret from email_index_key", byte[].class);
        WrappedKey wrapped = KEYS.wrap(secret, ParticipantKeys.EMAIL_INDEX_KEY_CONTEXT);
        jdbc.update("update email_index_key set kek_id = ?, wrapped_key = ?", wrapped.kekId(), wrapped.bytes());
    }

    /** Back to before V9: the raw keys in {@code secret} again, the wrapped ones gone, V9 not applied. */
    public static void restore(JdbcTemplate jdbc) {
        jdbc.execute("alter table participant_key add column if not exists secret bytea");
        List<Object[]> raw = jdbc.query("select registration_id, kek_id, wrapped_key from participant_key where kek_id is not null",
                (row, index) -> {
                    UUID registrationId = row.getObject(1, UUID.class);
                    return new Object[]{KEYS.unwrap(new WrappedKey(row.getString(2), row.getBytes(3)),
                            ParticipantKeys.contextOf(registrationId)), registrationId};
                });
        jdbc.batchUpdate("update participant_key set secret = ? where registration_id = ?", raw);
        jdbc.execute("drop index if exists participant_key_kek");
        jdbc.execute("alter table participant_key alter column secret set not null, drop column kek_id, drop column wrapped_key");
        if (tableExists(jdbc, "email_index_key")) {
            jdbc.execute("alter table email_index_key add column if not exists secret bytea");
            jdbc.query("select kek_id, wrapped_key from email_index_key", row -> {
                jdbc.update("update email_index_key set secret = ?", KEYS.unwrap(
                        new WrappedKey(row.getString(1), row.getBytes(2)), ParticipantKeys.EMAIL_INDEX_KEY_CONTEXT));
            });
            jdbc.execute("alter table email_index_key alter column secret set not null, drop column kek_id, drop column wrapped_key");
        }
        jdbc.update("delete from flyway_schema_history where version = '9'");
    }

    private static boolean tableExists(JdbcTemplate jdbc, String table) {
        return Boolean.TRUE.equals(jdbc.queryForObject("select to_regclass(?) is not null", Boolean.class, table));
    }
}
