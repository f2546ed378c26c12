package de.participation.events;

import java.util.List;
import java.util.UUID;

/**
 * A waiting entry got its {@code seats} and is confirmed, because seats were freed ({@code cause};
 * {@code vacatedBy} names the registration that freed them, null when the capacity grew).
 * {@code passed} lists the waiting entries ahead of it that stay waiting because they did not fit
 * (group policy {@code FILL_GAPS}), so that an auditor can see why a later entry moved first.
 * Version 2: {@code seats}, {@code passed} and the causes beyond {@code CANCELLATION} and
 * {@code CAPACITY_INCREASE} (events from before moved one seat and passed nobody).
 */
@SchemaVersion(2)
public record WaitlistedParticipantPromoted(UUID meetingId, UUID registrationId, PromotionCause cause,
                                            UUID vacatedBy, int seats, List<UUID> passed) implements RegistrationEvent {

    public WaitlistedParticipantPromoted {
        passed = List.copyOf(passed);
    }

    /** One seat, nobody passed: a promotion as in version 1. */
    public WaitlistedParticipantPromoted(UUID meetingId, UUID registrationId, PromotionCause cause, UUID vacatedBy) {
        this(meetingId, registrationId, cause, vacatedBy, 1, List.of());
    }
}
