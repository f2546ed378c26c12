package de.participation.command.meeting;

import java.util.List;
import java.util.UUID;

/** The details that changed (none for a repeated change), and who moved up because the start moved later. */
public record DetailsOutcome(UUID meetingId, List<String> changed, MovedUp movedUp, long sequence) {
}
