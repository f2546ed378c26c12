package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.command.personaldata.ParticipantCipher;
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
 * Adds the digest of name and organisation beside each registration's key, by which a retried
 * registration is compared without the Meeting keeping any of it. A version of V3 that created the
 * column itself was shipped for a while (an applied migration edited: see the README's contributor
 * notes and {@code EditedMigrationRepair}); databases that ran it have the column and their digests
 * already, so this adds the column only where it is missing and fills only empty digests, opening
 * each registration's sealed participant in its stored event with the registration's own key.
 */
public class V5__Participant_key_digest extends BaseJavaMigration {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table participant_key add column if not exists digest bytea");
        }
        fillMissingDigests(connection);
        try (Statement statement = connection.createStatement()) {
            statement.execute("alter table participant_key alter column digest set not null");
        }
    }

    /** Each key without a digest, with the sealed participant of the event that registered it. */
    private static void fillMissingDigests(Connection connection) throws SQLException, IOException {
        try (PreparedStatement query = connection.prepareStatement("""
                select k.registration_id, k.secret, e.payload
                from participant_key k join domainevententry e
                  on e.payloadtype in (?, ?)
                 and convert_from(e.payload, 'UTF8')::jsonb ->> 'registrationId' = k.registration_id::text
                where k.digest is null""");
             PreparedStatement update = connection.prepareStatement(
                     "update participant_key set digest = ? where registration_id = ?")) {
            query.setString(1, ParticipantRegistered.class.getName());
            query.setString(2, ParticipantWaitlisted.class.getName());
            query.setFetchSize(1_000);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    UUID registrationId = rows.getObject(1, UUID.class);
                    byte[] key = rows.getBytes(2);
                    JsonNode sealed = JSON.readTree(rows.getBytes(3)).path("participant");
                    update.setBytes(1, ParticipantCipher.digest(key,
                            ParticipantCipher.open(key, registrationId, sealed.path("ciphertext").asText())));
                    update.setObject(2, registrationId);
                    update.addBatch();
                }
            }
            update.executeBatch();
        }
    }
}
