package de.participation.command.personaldata;

import de.participation.web.keys.KeyEncryptionKeys;
import de.participation.web.keys.WrappedKey;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Wraps every stored key under the current key-encryption key, and removes the raw keys: each
 * registration's key (bound to its registration id) and the key of the email hashes. The raw
 * columns are dropped and both tables rewritten ({@code cluster}), so that no earlier row version
 * with a raw key stays in their files; backups and WAL from before this migration still hold them
 * (docs/operations.md).
 * <p>
 * Unlike V4 to V8 it needs the KEK, which only the running service has: it is a bean, which Spring
 * Boot hands to Flyway with the migrations of {@code db/migration} (that is why it lives here and
 * not in that package, where Flyway's own scan would find it a second time).
 */
@Component
class V9__Wrapped_keys extends BaseJavaMigration {

    private static final int BATCH = 1_000;

    private final KeyEncryptionKeys keyEncryptionKeys;

    V9__Wrapped_keys(KeyEncryptionKeys keyEncryptionKeys) {
        this.keyEncryptionKeys = keyEncryptionKeys;
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        execute(connection, "alter table participant_key add column kek_id varchar(64), add column wrapped_key bytea");
        wrapParticipantKeys(connection);
        execute(connection, """
                alter table participant_key alter column kek_id set not null, alter column wrapped_key set not null,
                  drop column secret""");
        execute(connection, "create index participant_key_kek on participant_key (kek_id)");
        execute(connection, "cluster participant_key using participant_key_pkey");

        execute(connection, "alter table email_index_key add column kek_id varchar(64), add column wrapped_key bytea");
        wrapEmailIndexKey(connection);
        execute(connection, """
                alter table email_index_key alter column kek_id set not null, alter column wrapped_key set not null,
                  drop column secret""");
        execute(connection, "cluster email_index_key using email_index_key_pkey");
    }

    private void wrapParticipantKeys(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select registration_id, secret from participant_key");
             PreparedStatement update = connection.prepareStatement(
                     "update participant_key set kek_id = ?, wrapped_key = ? where registration_id = ?")) {
            query.setFetchSize(BATCH);
            int pending = 0;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID registrationId = rows.getObject(1, UUID.class);
                    WrappedKey wrapped = keyEncryptionKeys.wrap(rows.getBytes(2), ParticipantKeys.contextOf(registrationId));
                    update.setString(1, wrapped.kekId());
                    update.setBytes(2, wrapped.bytes());
                    update.setObject(3, registrationId);
                    update.addBatch();
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            update.executeBatch();
        }
    }

    private void wrapEmailIndexKey(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select secret from email_index_key");
             PreparedStatement update = connection.prepareStatement(
                     "update email_index_key set kek_id = ?, wrapped_key = ?");
             ResultSet rows = query.executeQuery()) {
            if (rows.next()) {
                WrappedKey wrapped = keyEncryptionKeys.wrap(rows.getBytes(1), ParticipantKeys.EMAIL_INDEX_KEY_CONTEXT);
                update.setString(1, wrapped.kekId());
                update.setBytes(2, wrapped.bytes());
                update.executeUpdate();
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
