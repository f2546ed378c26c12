package de.participation.query.projection;

import org.bson.Document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static de.participation.query.projection.MeetingReadModel.date;
import static de.participation.query.projection.MeetingReadModel.instant;

/**
 * One registration as the read side keeps it. Its waiting-list position is not stored here but
 * read from its meeting. {@code sequence} is the last event of the meeting applied to it.
 *
 * <p>The participant stays sealed, as the events carry it: the read side never stores personal
 * data in clear and holds no key. The API has it opened by the command service for each reader
 * ({@code de.participation.query.personaldata}). After erasure not even the ciphertext is kept.
 */
public final class RegistrationReadModel {

    UUID registrationId;
    UUID meetingId;
    String status;
    int seats = 1;
    /** When the open offer ends (while {@code OFFERED}), else null. */
    Instant offerExpiresAt;
    /** When it was checked in at the door, else null. */
    Instant checkedInAt;
    /** The participant's ciphertext; null once erased. */
    String sealedParticipant;
    boolean personalDataErased;
    Instant registeredAt;
    Instant updatedAt;
    long sequence = -1;
    /** How many registrations of the meeting arrived before this one: its place in {@link ArrivalChunk}s. */
    int arrival = -1;
    /** The sequences of the meeting's events about this registration, in order (for its history). */
    List<Long> eventSequences = new ArrayList<>();

    public UUID registrationId() {
        return registrationId;
    }

    public UUID meetingId() {
        return meetingId;
    }

    public String status() {
        return status;
    }

    public int seats() {
        return seats;
    }

    public Instant offerExpiresAt() {
        return offerExpiresAt;
    }

    public Instant checkedInAt() {
        return checkedInAt;
    }

    public String sealedParticipant() {
        return sealedParticipant;
    }

    public boolean personalDataErased() {
        return personalDataErased;
    }

    public int arrival() {
        return arrival;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public List<Long> eventSequences() {
        return List.copyOf(eventSequences);
    }

    Document toDocument() {
        return new Document("_id", registrationId.toString())
                .append("meetingId", meetingId.toString())
                .append("status", status)
                .append("seats", seats)
                .append("offerExpiresAt", date(offerExpiresAt))
                .append("checkedInAt", date(checkedInAt))
                .append("sealedParticipant", sealedParticipant)
                .append("personalDataErased", personalDataErased)
                .append("registeredAt", date(registeredAt))
                .append("updatedAt", date(updatedAt))
                .append("sequence", sequence)
                .append("arrival", arrival)
                .append("eventSequences", eventSequences);
    }

    static RegistrationReadModel from(Document document) {
        RegistrationReadModel registration = new RegistrationReadModel();
        registration.registrationId = UUID.fromString(document.getString("_id"));
        registration.meetingId = UUID.fromString(document.getString("meetingId"));
        registration.status = document.getString("status");
        registration.seats = document.getInteger("seats", 1);
        registration.offerExpiresAt = instant(document.getDate("offerExpiresAt"));
        registration.checkedInAt = instant(document.getDate("checkedInAt"));
        registration.sealedParticipant = document.getString("sealedParticipant");
        registration.personalDataErased = document.getBoolean("personalDataErased", false);
        registration.registeredAt = instant(document.getDate("registeredAt"));
        registration.updatedAt = instant(document.getDate("updatedAt"));
        registration.sequence = document.getLong("sequence");
        registration.arrival = document.getInteger("arrival", -1);
        registration.eventSequences = new ArrayList<>(document.getList("eventSequences", Long.class, List.of()));
        return registration;
    }
}
