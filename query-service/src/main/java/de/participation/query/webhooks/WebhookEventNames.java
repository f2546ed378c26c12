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

import java.util.Map;
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

    private static final Map<Class<? extends MeetingEvent>, String> BY_CLASS = Map.ofEntries(
            Map.entry(ParticipantRegistered.class, "registration.confirmed"),
            Map.entry(OfferAccepted.class, "registration.confirmed"),
            Map.entry(ParticipantWaitlisted.class, "registration.waitlisted"),
            Map.entry(WaitlistedParticipantPromoted.class, "registration.promoted"),
            Map.entry(OfferMade.class, "registration.offered"),
            Map.entry(OfferExpired.class, "registration.offer-expired"),
            Map.entry(RegistrationCancelled.class, "registration.cancelled"),
            Map.entry(OfferDeclined.class, "registration.cancelled"),
            Map.entry(AttendanceRecorded.class, "registration.checked-in"),
            Map.entry(ParticipantDataErased.class, "registration.erased"),
            Map.entry(MeetingDetailsChanged.class, "meeting.details-changed"),
            Map.entry(MeetingCapacityChanged.class, "meeting.capacity-changed"),
            Map.entry(MeetingCancelled.class, "meeting.cancelled"));

    static final Set<String> ALL = Set.copyOf(BY_CLASS.values());

    private WebhookEventNames() {
    }

    static Optional<String> nameOf(Class<? extends MeetingEvent> eventClass) {
        return Optional.ofNullable(BY_CLASS.get(eventClass));
    }
}
