package de.participation.command.support;

import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;

/** Reads what really reached the event store, for assertions on the durable history. */
public final class StoredEvents {

    private final JdbcTemplate jdbc;

    public StoredEvents(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record StoredEvent(long sequence, String type, String payload, String metadata) {

        public String simpleType() {
            return type.substring(type.lastIndexOf('.') + 1);
        }
    }

    public List<StoredEvent> of(UUID meetingId) {
        return jdbc.query("""
                select sequencenumber, payloadtype, convert_from(payload, 'UTF8') as payload,
                       convert_from(metadata, 'UTF8') as metadata
                from domainevententry where aggregateidentifier = ? order by sequencenumber""",
                (row, i) -> new StoredEvent(row.getLong(1), row.getString(2), row.getString(3), row.getString(4)),
                meetingId.toString());
    }

    /** The ciphertext of the participant of {@code registrationId} as its arrival event stored it. */
    public String sealedParticipantOf(UUID meetingId, UUID registrationId) {
        return jdbc.queryForObject("""
                select convert_from(payload, 'UTF8')::json -> 'participant' ->> 'ciphertext'
                from domainevententry
                where aggregateidentifier = ? and convert_from(payload, 'UTF8')::json ->> 'registrationId' = ?
                  and payloadtype in ('de.participation.events.ParticipantRegistered',
                                      'de.participation.events.ParticipantWaitlisted')""",
                String.class, meetingId.toString(), registrationId.toString());
    }

    /** The registration ids of the meeting's stored ParticipantRegistered events. */
    public List<UUID> registeredIdsOf(UUID meetingId) {
        return jdbc.queryForList("""
                select convert_from(payload, 'UTF8')::json ->> 'registrationId' from domainevententry
                where aggregateidentifier = ? and payloadtype = 'de.participation.events.ParticipantRegistered'""",
                String.class, meetingId.toString()).stream().map(UUID::fromString).toList();
    }

    public long total() {
        Long count = jdbc.queryForObject("select count(*) from domainevententry", Long.class);
        return count == null ? 0 : count;
    }
}
