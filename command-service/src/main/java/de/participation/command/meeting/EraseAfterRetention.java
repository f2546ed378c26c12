package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.UUID;

/**
 * Sent when a meeting's retention period is due ({@link RetentionDeadlines}): erases the personal
 * data of every registration not yet erased, if the period has really passed by the meeting's
 * clock; otherwise it leaves the right moment behind again.
 */
public record EraseAfterRetention(@TargetAggregateIdentifier UUID meetingId) {
}
