package de.participation.query.projection;

import de.participation.events.Participant;
import org.bson.Document;

import java.time.Instant;
import java.util.UUID;

import static de.participation.query.projection.MeetingReadModel.date;
import static de.participation.query.projection.MeetingReadModel.instant;

/**
 * One registration as the read side keeps it. Its waiting-list position is not stored here but
 * read from its meeting. {@code sequence} is the last event of the meeting applied to it.
 */
public final class RegistrationReadModel {

    UUID registrationId;
    UUID meetingId;
    String status;
    Participant participant;
    Instant registeredAt;
    Instant updatedAt;
    long sequence = -1;

    public UUID registrationId() {
        return registrationId;
    }

    public UUID meetingId() {
        return meetingId;
    }

    public String status() {
        return status;
    }

    public Participant participant() {
        return participant;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    Document toDocument() {
        return new Document("_id", registrationId.toString())
                .append("meetingId", meetingId.toString())
                .append("status", status)
                .append("participant", new Document("name", participant.name())
                        .append("email", participant.email())
                        .append("organisation", participant.organisation()))
                .append("registeredAt", date(registeredAt))
                .append("updatedAt", date(updatedAt))
                .append("sequence", sequence);
    }

    static RegistrationReadModel from(Document document) {
        RegistrationReadModel registration = new RegistrationReadModel();
        registration.registrationId = UUID.fromString(document.getString("_id"));
        registration.meetingId = UUID.fromString(document.getString("meetingId"));
        registration.status = document.getString("status");
        Document participant = document.get("participant", Document.class);
        registration.participant = new Participant(participant.getString("name"), participant.getString("email"),
                participant.getString("organisation"));
        registration.registeredAt = instant(document.getDate("registeredAt"));
        registration.updatedAt = instant(document.getDate("updatedAt"));
        registration.sequence = document.getLong("sequence");
        return registration;
    }
}
