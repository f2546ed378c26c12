package de.participation.events;

import java.util.UUID;

/** The organiser changed the number of seats. Promotions caused by growth follow as own events. */
public record MeetingCapacityChanged(UUID meetingId, int previousCapacity, int capacity) implements MeetingEvent {
}
