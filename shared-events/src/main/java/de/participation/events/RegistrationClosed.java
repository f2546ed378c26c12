package de.participation.events;

import java.util.UUID;

/** The organiser closed registration ahead of the window's end. */
public record RegistrationClosed(UUID meetingId) implements MeetingEvent {
}
