package de.participation.events;

import java.util.UUID;

/** The events that are about one registration of the meeting. */
public sealed interface RegistrationEvent extends MeetingEvent
        permits ParticipantRegistered, ParticipantWaitlisted, RegistrationCancelled, WaitlistedParticipantPromoted,
                ParticipantDataErased, OfferMade, OfferAccepted, OfferDeclined, OfferExpired, SeatsGivenBack,
                AttendanceRecorded, AttendanceWithdrawn {

    UUID registrationId();
}
