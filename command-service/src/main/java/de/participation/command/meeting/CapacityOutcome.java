package de.participation.command.meeting;

import java.util.List;
import java.util.UUID;

/** The capacity now in force and the registrations that the change promoted, in order. */
public record CapacityOutcome(UUID meetingId, int capacity, List<UUID> promoted, long sequence) {
}
