package de.participation.events;

import java.util.UUID;

/**
 * The head of the waiting list got a seat, because a confirmed registration was cancelled
 * ({@code CANCELLATION}) or the capacity grew ({@code CAPACITY_INCREASE}).
 */
public record WaitlistedParticipantPromoted(UUID meetingId, UUID registrationId, PromotionCause cause)
        implements MeetingEvent {

    public enum PromotionCause {
        CANCELLATION,
        CAPACITY_INCREASE
    }
}
