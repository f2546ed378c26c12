package de.participation.command.meeting;

import java.util.UUID;

/** The seats a registration keeps, and who moved up into those it gave back. */
public record SeatsOutcome(UUID registrationId, int seats, MovedUp movedUp, long sequence) {
}
