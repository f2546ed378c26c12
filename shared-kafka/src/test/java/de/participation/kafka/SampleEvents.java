package de.participation.kafka;

import de.participation.events.AttendanceRecorded;
import de.participation.events.AttendanceWithdrawn;
import de.participation.events.CancellationCause;
import de.participation.events.MeetingCancelled;
import de.participation.events.MeetingCapacityChanged;
import de.participation.events.MeetingDetailsChanged;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.ErasureCause;
import de.participation.events.MeetingScheduled;
import de.participation.events.OfferAccepted;
import de.participation.events.OfferDeclined;
import de.participation.events.OfferExpired;
import de.participation.events.OfferMade;
import de.participation.events.ParticipantDataErased;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.PromotionCause;
import de.participation.events.RegistrationCancelled;
import de.participation.events.RegistrationClosed;
import de.participation.events.RegistrationReopened;
import de.participation.events.RegistrationStatus;
import de.participation.events.SealedParticipant;
import de.participation.events.SeatsGivenBack;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitingListPolicy.GroupPolicy;
import de.participation.events.WaitingListPolicy.Promotion;
import de.participation.events.WaitlistedParticipantPromoted;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One fixed example of every event, for the wire-format snapshots. */
final class SampleEvents {

    static final UUID MEETING = UUID.fromString("6f1c2a9e-3b7d-4c21-9a4e-0d5b8e7f1a01");
    static final UUID REGISTRATION = UUID.fromString("0b9e5c7a-1d2f-4e3a-8b6c-7d8e9f0a1b02");
    static final UUID VACATED_BY = UUID.fromString("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b04");
    static final UUID GROUP = UUID.fromString("3e2d1c0b-9a8f-4e7d-8c6b-5a4f3e2d1c05");
    static final SealedParticipant ERIKA = new SealedParticipant(
            "2mB1lYk3c0Xw9VqG7tJpHs5dRf8aZeN4uL6oKiM2yTbW0xQ1vC3nE5gA7rD9hF");
    private static final Instant STARTS_AT = Instant.parse("2019-06-03T08:00:00Z");

    private SampleEvents() {
    }

    /** Every event of the family in its current version. */
    static List<MeetingEvent> all() {
        return List.of(
                new MeetingScheduled(MEETING, "Regionen-Workshop: Mobilität und Coworking",
                        "Mobilität und Modelle für Coworking-Spaces im ländlichen Raum", "Meißen",
                        STARTS_AT, Instant.parse("2019-06-03T14:00:00Z"), 40,
                        Instant.parse("2019-05-01T00:00:00Z"), Instant.parse("2019-06-02T22:00:00Z"),
                        new WaitingListPolicy(true, 20, Promotion.OFFER, 48, GroupPolicy.FILL_GAPS), "SMWA", 30),
                new MeetingCapacityChanged(MEETING, 40, 60),
                new RegistrationClosed(MEETING),
                new RegistrationReopened(MEETING),
                new MeetingCancelled(MEETING, "Raum nicht verfügbar"),
                new MeetingDetailsChanged(MEETING, "Regionen-Workshop: Mobilität und Coworking",
                        "Mobilität und Modelle für Coworking-Spaces im ländlichen Raum", "Riesa, Stadthalle",
                        Instant.parse("2019-06-04T08:00:00Z"), Instant.parse("2019-06-04T14:00:00Z"),
                        Instant.parse("2019-05-01T00:00:00Z"), Instant.parse("2019-06-02T22:00:00Z"),
                        List.of("location", "startsAt", "endsAt")),
                new ParticipantRegistered(MEETING, REGISTRATION, ERIKA, 2, List.of(GROUP)),
                new ParticipantWaitlisted(MEETING, REGISTRATION, ERIKA, 3, 4),
                new RegistrationCancelled(MEETING, REGISTRATION, RegistrationStatus.OFFERED,
                        CancellationCause.REQUESTED, "Terminkonflikt", 2),
                new WaitlistedParticipantPromoted(MEETING, REGISTRATION, PromotionCause.SEATS_GIVEN_BACK, VACATED_BY,
                        2, List.of(GROUP)),
                new OfferMade(MEETING, REGISTRATION, 2, Instant.parse("2019-05-22T09:15:30Z"),
                        PromotionCause.CANCELLATION, VACATED_BY, List.of(GROUP)),
                new OfferAccepted(MEETING, REGISTRATION, 2),
                new OfferDeclined(MEETING, REGISTRATION, 2),
                new OfferExpired(MEETING, REGISTRATION, 2, Instant.parse("2019-05-22T09:15:30Z")),
                new SeatsGivenBack(MEETING, REGISTRATION, RegistrationStatus.CONFIRMED, 4, 2),
                new AttendanceRecorded(MEETING, REGISTRATION, 2, Instant.parse("2019-06-03T07:52:10Z")),
                new AttendanceWithdrawn(MEETING, REGISTRATION, 2),
                new ParticipantDataErased(MEETING, REGISTRATION, ErasureCause.RETENTION));
    }

    /**
     * The events whose approved files hold an earlier version than the current one, as that version
     * meant them: they must still be read so ({@code *.approved.json}, the first approved version).
     */
    static List<MeetingEvent> asFirstApproved() {
        return List.of(
                new MeetingScheduled(MEETING, "Regionen-Workshop: Mobilität und Coworking",
                        "Mobilität und Modelle für Coworking-Spaces im ländlichen Raum", "Meißen",
                        STARTS_AT, Instant.parse("2019-06-03T14:00:00Z"), 40,
                        Instant.parse("2019-05-01T00:00:00Z"), Instant.parse("2019-06-02T22:00:00Z"),
                        new WaitingListPolicy(true, 20), "SMWA"),
                new ParticipantRegistered(MEETING, REGISTRATION, ERIKA),
                new ParticipantWaitlisted(MEETING, REGISTRATION, ERIKA, 3),
                new RegistrationCancelled(MEETING, REGISTRATION, RegistrationStatus.CONFIRMED,
                        CancellationCause.REQUESTED, "Terminkonflikt"),
                new WaitlistedParticipantPromoted(MEETING, REGISTRATION, PromotionCause.CANCELLATION, VACATED_BY),
                new ParticipantDataErased(MEETING, REGISTRATION));
    }

    static MeetingEventEnvelope envelope(MeetingEvent event) {
        return MeetingEventEnvelope.of("5a4b3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c03",
                Instant.parse("2019-05-20T09:15:30.123Z"), 7, "c0ffee00-0000-4000-8000-000000000001",
                "portal", event);
    }
}
