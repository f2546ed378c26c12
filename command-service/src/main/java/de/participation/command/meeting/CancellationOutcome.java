package de.participation.command.meeting;

import java.util.UUID;

/** A cancelled registration and who moved up into the seats it freed. */
public record CancellationOutcome(UUID registrationId, MovedUp movedUp, long sequence) {
}
