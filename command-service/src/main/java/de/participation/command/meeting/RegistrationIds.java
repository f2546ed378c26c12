package de.participation.command.meeting;

import java.util.Optional;
import java.util.UUID;

/**
 * Registration ids are global (the portal and the query side look a registration up by its id
 * alone), but each Meeting only knows its own. This registry claims an id for one meeting, in the
 * same transaction as the registration's event, so that an id used for one meeting can never be
 * used for another.
 */
public interface RegistrationIds {

    /**
     * Claims {@code registrationId} for {@code meetingId} unless another meeting holds it.
     *
     * @return the meeting that holds the id after the call: {@code meetingId}, or the other one
     */
    UUID claim(UUID registrationId, UUID meetingId);

    /** The meeting that holds {@code registrationId}, if any does. */
    Optional<UUID> meetingOf(UUID registrationId);
}
