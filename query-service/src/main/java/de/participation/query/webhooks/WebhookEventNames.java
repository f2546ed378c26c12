package de.participation.query.webhooks;

import de.participation.events.AttendanceRecorded;
import de.participation.events.MeetingCancelled;
import de.participation.events.MeetingCapacityChanged;
import de.participation.events.MeetingDetailsChanged;
import de.participation.events.MeetingEvent;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferDeclined;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.ParticipantDataErased;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.RegistrationCancelled;
import de.participation.events.WaitlistedParticipantPromoted;

import java.util.Optional;
import java.util.Set;

/**
 * The names a subscriber chooses events by (API.md, "Notifications"). They say what happened to a
 * registration or a meeting; the delivered CloudEvent's {@code type} says exactly which domain
 * event it was: an accepted offer is a registration confirmed, a declined offer one cancelled.
 * Events without a name (a meeting scheduled, registration closed or reopened, seats given back, a
 * check-in undone) are not delivered.
 */
final class WebhookEventNames {

    static final Set<String> ALL = Set.of("registration.confirmed", "registration.waitlisted",
            "registration.promoted", "registration.offered", "registration.offer-expired",
            "registration.cancelled", "registration.checked-in", "registration.erased",
            "meeting.details-changed", "meeting.capacity-changed", "meeting.cancelled");

    private WebhookEventNames() {
    }

    static Optional<String> nameOf(MeetingEvent event) {
        return Optional.ofNullable(switch (event) {
            case ParticipantRegistered ignored -> "registration.confirmed";
            case OfferAccepted ignored -> "registration.confirmed";
            case ParticipantWaitlisted ignored -> "registration.waitlisted";
            case WaitlistedParticipantPromoted ignored -> "registration.promoted";
            case OfferMade ignored -> "registration.offered";
            case OfferExpired ignored -> "registration.offer-expired";
            case RegistrationCancelled ignored -> "registration.cancelled";
            case OfferDeclined ignored -> "registration.cancelled";
            case AttendanceRecorded ignored -> "registration.checked-in";
            case ParticipantDataErased ignored -> "registration.erased";
            case MeetingDetailsChanged ignored -> "meeting.details-changed";
            case MeetingCapacityChanged ignored -> "meeting.capacity-changed";
            case MeetingCancelled ignored -> "meeting.cancelled";
            default -> null;
        });
    }
}
