package de.participation.query.kafka;

import java.util.Optional;
import java.util.UUID;

/** The events topic is keyed by meeting id: the meeting a record's key names, if it names one. */
public final class MeetingKeys {

    private MeetingKeys() {
    }

    public static Optional<UUID> meetingOf(String key) {
        try {
            return Optional.ofNullable(key).map(UUID::fromString);
        } catch (IllegalArgumentException notAMeeting) {
            return Optional.empty();
        }
    }
}
