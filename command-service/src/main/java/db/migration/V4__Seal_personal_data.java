package db.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import de.participation.command.personaldata.EmailHasher;
import de.participation.command.personaldata.ParticipantCipher;
import de.participation.events.MeetingScheduled;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Seals the personal data of events stored before sealing existed (schema version 1 of
 * ParticipantRegistered and ParticipantWaitlisted carried it in clear). Rewriting the stored
 * payloads is the one exception to an immutable history, and it is what the GDPR asks for: an
 * upcaster would only hide the clear text, which would stay on disk for good. Each registration
 * gets its key, as if it had been sealed from the start. Snapshots (which held the data too) are
 * deleted; they are taken again as meetings are loaded. If anything was re-sealed, Kafka had it in
 * clear: the forwarder's position is reset and the topic marked for republishing.
 */
public class V4__Seal_personal_data extends BaseJavaMigration {

    private static final int PAGE = 1_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private record StoredEvent(long globalIndex, String meetingId, ObjectNode payload) {
    }

    @Override
    public void migrate(Context context) throws Exception {
        Connection connection = context.getConnection();
        byte[] hashKey = ParticipantCipher.newKey();
        try (PreparedStatement insert = connection.prepareStatement("insert into email_hash_key (secret) values (?)")) {
            insert.setBytes(1, hashKey);
            insert.executeUpdate();
        }
        EmailHasher emailHasher = new EmailHasher(hashKey);
        Map<String, String> organisations = new HashMap<>();
        long resealed = 0;
        long after = -1;
        for (List<StoredEvent> page = participantEvents(connection, after); !page.isEmpty();
             page = participantEvents(connection, after)) {
            for (StoredEvent event : page) {
                String organisation = organisations.computeIfAbsent(event.meetingId(),
                        meetingId -> organisationOf(connection, meetingId));
                reseal(connection, event, organisation, emailHasher);
                after = event.globalIndex();
                resealed++;
            }
        }
        execute(connection, "delete from snapshotevententry");
        if (resealed > 0) {
            execute(connection, "delete from tokenentry where processorname = 'kafka-forwarder'");
            execute(connection, "insert into topic_republish_request default values");
        }
    }

    /** The next page of participant events in store order; each is re-sealed only once. */
    private static List<StoredEvent> participantEvents(Connection connection, long after) throws SQLException, IOException {
        List<StoredEvent> page = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("""
                select globalindex, aggregateidentifier, payload from domainevententry
                where payloadtype in (?, ?) and globalindex > ? order by globalindex limit ?""")) {
            query.setString(1, ParticipantRegistered.class.getName());
            query.setString(2, ParticipantWaitlisted.class.getName());
            query.setLong(3, after);
            query.setInt(4, PAGE);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    page.add(new StoredEvent(rows.getLong(1), rows.getString(2), (ObjectNode) JSON.readTree(rows.getBytes(3))));
                }
            }
        }
        return page;
    }

    private static void reseal(Connection connection, StoredEvent event, String organisation, EmailHasher emailHasher)
            throws SQLException, IOException {
        JsonNode clear = event.payload().get("participant");
        Participant participant = new Participant(clear.get("name").asText(), clear.get("email").asText(),
                clear.path("organisation").isTextual() ? clear.get("organisation").asText() : null);
        UUID registrationId = UUID.fromString(event.payload().get("registrationId").asText());
        byte[] key = ParticipantCipher.newKey();
        try (PreparedStatement insert = connection.prepareStatement(
                "insert into participant_key (registration_id, meeting_id, organisation, secret) values (?, ?, ?, ?)")) {
            insert.setObject(1, registrationId);
            insert.setObject(2, UUID.fromString(event.meetingId()));
            insert.setString(3, organisation);
            insert.setBytes(4, key);
            insert.executeUpdate();
        }
        // The sealed participant of schema version 2, which still carried the hash (SealedParticipant
        // has dropped it since; V8 destroyed its key).
        event.payload().set("participant", JSON.createObjectNode()
                .put("emailHash", emailHasher.hash(participant.email()))
                .put("ciphertext", ParticipantCipher.seal(key, registrationId, participant)));
        try (PreparedStatement update = connection.prepareStatement(
                "update domainevententry set payload = ? where globalindex = ?")) {
            update.setBytes(1, JSON.writeValueAsBytes(event.payload()));
            update.setLong(2, event.globalIndex());
            update.executeUpdate();
        }
    }

    private static String organisationOf(Connection connection, String meetingId) {
        try (PreparedStatement query = connection.prepareStatement(
                "select payload from domainevententry where aggregateidentifier = ? and payloadtype = ?")) {
            query.setString(1, meetingId);
            query.setString(2, MeetingScheduled.class.getName());
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? JSON.readTree(rows.getBytes(1)).path("organisation").textValue() : null;
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Cannot read how meeting " + meetingId + " was scheduled", e);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.executeUpdate();
        }
    }
}
