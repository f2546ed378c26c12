package de.participation.query.projection;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A record of the events topic that the projection did not apply: the first of its meeting that
 * could not be applied (with the reason), or one held behind it (no reason). It is kept as it was
 * read, so that a retry applies exactly what the topic holds.
 *
 * @param meetingId the meeting of the record's key, or null if the key names none (it parks no meeting)
 * @param sequence  the event's sequence, or null if the record could not be read
 * @param type      the event's type, or null if the record could not be read
 * @param reason    why it could not be applied; null for a record held behind its meeting's first
 */
public record ParkedRecord(int partition, long offset, UUID meetingId, String key, String value, Long sequence,
                           String type, String reason, Instant parkedAt) {

    /** Where the record is on the events topic: {@code partition@offset}, its id among the parked. */
    public String position() {
        return positionOf(partition, offset);
    }

    public static String positionOf(int partition, long offset) {
        return partition + "@" + offset;
    }

    /** Whether this record is what parked its meeting (not one held behind it). */
    public boolean isCause() {
        return reason != null;
    }

    Document toDocument() {
        return new Document("_id", position())
                .append("partition", partition)
                .append("offset", offset)
                .append("meetingId", meetingId == null ? null : meetingId.toString())
                .append("key", key)
                .append("value", value)
                .append("sequence", sequence)
                .append("type", type)
                .append("reason", reason)
                .append("parkedAt", Date.from(parkedAt));
    }

    static ParkedRecord from(Document document) {
        String meetingId = document.getString("meetingId");
        return new ParkedRecord(document.getInteger("partition"), document.getLong("offset"),
                meetingId == null ? null : UUID.fromString(meetingId), document.getString("key"),
                document.getString("value"), document.getLong("sequence"), document.getString("type"),
                document.getString("reason"), document.getDate("parkedAt").toInstant());
    }
}
