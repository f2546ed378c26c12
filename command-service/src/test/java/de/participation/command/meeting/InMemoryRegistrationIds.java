package de.participation.command.meeting;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The registry of registration ids for the Meeting's unit tests: the first meeting to claim an id keeps it. */
final class InMemoryRegistrationIds implements RegistrationIds {

    private final Map<UUID, UUID> claimed = new HashMap<>();

    @Override
    public UUID claim(UUID registrationId, UUID meetingId) {
        return claimed.computeIfAbsent(registrationId, id -> meetingId);
    }

    @Override
    public Optional<UUID> meetingOf(UUID registrationId) {
        return Optional.ofNullable(claimed.get(registrationId));
    }
}
