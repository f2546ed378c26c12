package de.participation.events;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The organiser changed a scheduled meeting's details: the fields carry the details as they are
 * now, {@code changed} names those that changed (in the order of the fields). The registration
 * window and the offers' deadlines follow the new times at once.
 */
public record MeetingDetailsChanged(UUID meetingId, String title, String description, String location,
                                    Instant startsAt, Instant endsAt, Instant registrationOpensAt,
                                    Instant registrationClosesAt, List<String> changed) implements MeetingEvent {

    public MeetingDetailsChanged {
        changed = List.copyOf(changed);
    }
}
