package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * End a registration: give up a seat, or leave the waiting list. {@code reason} is optional. Asked
 * by the portal for the participant ({@code organisation} null), or by an organiser of the
 * meeting's {@code organisation}, for instance for someone who called to say they cannot come.
 */
public record CancelRegistration(@TargetAggregateIdentifier UUID meetingId, UUID registrationId, String reason,
                                 String organisation) {

    /** Asked by the portal. */
    public CancelRegistration(UUID meetingId, UUID registrationId, String reason) {
        this(meetingId, registrationId, reason, null);
    }
}
