package db.migration;

import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.command.personaldata.EmailHasher;
import de.participation.command.personaldata.ParticipantCipher;
import de.participation.events.Participant;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * Makes an erasure leave nothing from which anyone could test whether an address registered.
 * Until now every participant event carried a hash of the email under one key for the whole
 * database ({@code email_hash_key}); whoever held that key could hash a guessed address and look
 * for it in the history, the topics or a delivery log, long after the registration was erased.
 *
 * <p>From here on a person is recognised by the hash of their email within the meeting, kept only
 * in the registration's row of the key table, and deleted with its key. This migration gives every
 * registration that still has a key its hash under a new key (opening its participant from its
 * stored event with the registration's own key), deletes the snapshots (they held the old hashes)
 * and drops the old key: the hashes left in the immutable history can no longer be tested.
 */
public class V8__Unlinkable_email_hashes extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        byte[] indexKey = ParticipantCipher.newKey();
        execute(connection, """
                create table email_index_key (
                    id     smallint primary key default 1 check (id = 1),
                    secret bytea    not null
                )""");
        try (PreparedStatement insert = connection.prepareStatement("insert into email_index_key (secret) values (?)")) {
            insert.setBytes(1, indexKey);
            insert.executeUpdate();
        }
        execute(connection, "alter table participant_key add column email_hash varchar(64)");
        hashEmailsWithinTheirMeetings(connection, new EmailHasher(indexKey));
        execute(connection, "alter table participant_key alter column email_hash set not null");
        execute(connection, "create index participant_key_email on participant_key (meeting_id, email_hash)");
        execute(connection, "delete from snapshotevententry");
        execute(connection, "drop table email_hash_key");
    }

    private static void hashEmailsWithinTheirMeetings(Connection connection, EmailHasher hasher)
            throws SQLException, IOException {
        try (PreparedStatement query = connection.prepareStatement("""
                select k.registration_id, k.meeting_id, k.secret, e.payload
                from participant_key k join domainevententry e
                  on e.payloadtype in (?, ?)
                 and convert_from(e.payload, 'UTF8')::jsonb ->> 'registrationId' = k.registration_id::text""");
             PreparedStatement update = connection.prepareStatement(
                     "update participant_key set email_hash = ? where registration_id = ?")) {
            query.setString(1, ParticipantRegistered.class.getName());
            query.setString(2, ParticipantWaitlisted.class.getName());
            query.setFetchSize(1_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID registrationId = rows.getObject(1, UUID.class);
                    String ciphertext = JSON.readTree(rows.getBytes(4)).path("participant").path("ciphertext").asText();
                    Participant participant = ParticipantCipher.open(rows.getBytes(3), registrationId, ciphertext);
                    update.setString(1, hasher.hash(rows.getObject(2, UUID.class), participant.email()));
                    update.setObject(2, registrationId);
                    update.addBatch();
                }
            }
            update.executeBatch();
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
