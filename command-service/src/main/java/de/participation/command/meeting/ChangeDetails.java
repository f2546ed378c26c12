package de.participation.command.meeting;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.UUID;

/**
 * Change a scheduled meeting's details; a null field stays as it is. {@code organisation}: the
 * organisation the requesting organiser acts for.
 */
public record ChangeDetails(@TargetAggregateIdentifier UUID meetingId, String title, String description,
                            String location, Instant startsAt, Instant endsAt, Instant registrationOpensAt,
                            Instant registrationClosesAt, String organisation) {
}
