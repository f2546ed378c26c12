package de.participation.events;

import java.util.UUID;

/**
 * The organiser cancelled the meeting (terminal). Every registration still active is ended by a
 * {@link RegistrationCancelled} with cause {@link CancellationCause#MEETING_CANCELLED} in the same
 * unit of work, so that each registration's own history tells how it ended.
 */
public record MeetingCancelled(UUID meetingId, String reason) implements MeetingEvent {
}
