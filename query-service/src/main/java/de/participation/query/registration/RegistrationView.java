package de.participation.query.registration;

import de.participation.events.Participant;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.RegistrationReadModel;

import java.time.Instant;
import java.util.UUID;

/** A registration as the read API shows it, with its current waiting-list position. */
public record RegistrationView(
        UUID registrationId,
        UUID meetingId,
        String status,
        Integer waitingListPosition,
        Participant participant,
        Instant registeredAt,
        Instant updatedAt) {

    public static RegistrationView of(RegistrationReadModel registration, MeetingReadModel meeting) {
        return new RegistrationView(registration.registrationId(), registration.meetingId(), registration.status(),
                meeting.positionOf(registration.registrationId()), registration.participant(),
                registration.registeredAt(), registration.updatedAt());
    }
}
