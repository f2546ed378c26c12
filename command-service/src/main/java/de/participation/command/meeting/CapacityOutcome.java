package de.participation.command.meeting;

import java.util.UUID;

/** The capacity now in force and who moved up into the new seats, in order. */
public record CapacityOutcome(UUID meetingId, int capacity, MovedUp movedUp, long sequence) {
}
