package de.participation.command.meeting;

import java.util.List;
import java.util.UUID;

/** A cancelled registration and whom its freed seat promoted. */
public record CancellationOutcome(UUID registrationId, List<UUID> promoted, long sequence) {
}
