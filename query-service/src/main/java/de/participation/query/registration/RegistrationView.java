package de.participation.query.registration;

import de.participation.events.Participant;
import de.participation.query.personaldata.OpenedParticipants;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.RegistrationReadModel;

import java.time.Instant;
import java.util.UUID;

/**
 * A registration as the read API shows it, with its current waiting-list position and its
 * participant opened for this reader: null, with {@code personalDataErased}, once erased; null, with
 * {@code participantUnavailable}, while the key service cannot be asked.
 */
public record RegistrationView(
        UUID registrationId,
        UUID meetingId,
        String status,
        int seats,
        Instant offerExpiresAt,
        Instant checkedInAt,
        Integer waitingListPosition,
        Participant participant,
        boolean personalDataErased,
        boolean participantUnavailable,
        Instant registeredAt,
        Instant updatedAt) {

    /**
     * @param meeting             the registration's meeting: an offer ends at its start at the latest,
     *                            which may have moved earlier since the offer was made
     * @param waitingListPosition its place on the waiting list, null if it does not wait
     * @param opened              the participants opened for this read
     */
    public static RegistrationView of(RegistrationReadModel registration, MeetingReadModel meeting,
                                      Integer waitingListPosition, OpenedParticipants opened) {
        Participant participant = opened.of(registration.registrationId());
        boolean unavailable = opened.isUnavailable(registration.registrationId());
        Instant offerExpiresAt = registration.offerExpiresAt() == null || registration.offerExpiresAt()
                .isBefore(meeting.startsAt()) ? registration.offerExpiresAt() : meeting.startsAt();
        return new RegistrationView(registration.registrationId(), registration.meetingId(), registration.status(),
                registration.seats(), offerExpiresAt, registration.checkedInAt(), waitingListPosition, participant,
                participant == null && !unavailable, unavailable, registration.registeredAt(), registration.updatedAt());
    }
}
