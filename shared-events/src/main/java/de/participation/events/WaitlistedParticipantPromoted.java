package de.participation.events;

import java.util.UUID;

/**
 * The head of the waiting list got a seat, because a confirmed registration was cancelled
 * ({@code CANCELLATION}; {@code vacatedBy} names it) or the capacity grew ({@code CAPACITY_INCREASE};
 * {@code vacatedBy} is null).
 */
public record WaitlistedParticipantPromoted(UUID meetingId, UUID registrationId, PromotionCause cause,
                                            UUID vacatedBy) implements RegistrationEvent {

    public enum PromotionCause {
        CANCELLATION,
        CAPACITY_INCREASE
    }
}
