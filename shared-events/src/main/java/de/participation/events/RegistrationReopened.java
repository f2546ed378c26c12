package de.participation.events;

import java.util.UUID;

/** The organiser reopened a registration they had closed; the registration window still applies. */
public record RegistrationReopened(UUID meetingId) implements MeetingEvent {
}
