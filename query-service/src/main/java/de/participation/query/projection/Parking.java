package de.participation.query.projection;

import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/**
 * Why a meeting's projection is parked: the first record of it that could not be applied, where
 * it is on the events topic, and since when. Its read models keep the state before that record.
 *
 * @param sequence the event's sequence, or null if the record could not be read
 * @param type     the event's type, or null if the record could not be read
 */
public record Parking(Instant since, int partition, long offset, Long sequence, String type, String reason) {

    Document toDocument() {
        return new Document("since", Date.from(since))
                .append("partition", partition)
                .append("offset", offset)
                .append("sequence", sequence)
                .append("type", type)
                .append("reason", reason);
    }

    static Parking from(Document document) {
        return new Parking(document.getDate("since").toInstant(), document.getInteger("partition"),
                document.getLong("offset"), document.getLong("sequence"), document.getString("type"),
                document.getString("reason"));
    }

    /** The cause of {@code record}'s meeting being parked, if {@code record} is that cause. */
    static Parking causedBy(ParkedRecord record) {
        return new Parking(record.parkedAt(), record.partition(), record.offset(), record.sequence(), record.type(),
                record.reason());
    }
}
