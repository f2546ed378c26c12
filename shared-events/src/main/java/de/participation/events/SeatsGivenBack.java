package de.participation.events;

import java.util.UUID;

/**
 * A confirmed or waiting registration now asks for {@code seats} instead of {@code seatsBefore}
 * (never more). A confirmed one frees the difference, which goes to the waiting list.
 */
public record SeatsGivenBack(UUID meetingId, UUID registrationId, RegistrationStatus status, int seatsBefore,
                             int seats) implements RegistrationEvent {
}
