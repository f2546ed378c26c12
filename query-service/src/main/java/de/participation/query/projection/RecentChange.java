package de.participation.query.projection;

import org.bson.Document;

import java.time.Instant;
import java.util.UUID;

/**
 * One change of a registration, for the organisers' live feed: what happened ({@code REGISTERED},
 * {@code WAITLISTED}, {@code PROMOTED}, {@code CANCELLED}), to which registration, when, and at
 * which sequence of the meeting. Names are not kept here; the dashboard has them opened.
 */
public record RecentChange(UUID registrationId, String change, Instant at, long sequence) {

    Document toDocument() {
        return new Document("registrationId", registrationId.toString()).append("change", change)
                .append("at", MeetingReadModel.date(at)).append("sequence", sequence);
    }

    static RecentChange from(Document document) {
        return new RecentChange(UUID.fromString(document.getString("registrationId")), document.getString("change"),
                MeetingReadModel.instant(document.getDate("at")), document.getLong("sequence"));
    }
}
