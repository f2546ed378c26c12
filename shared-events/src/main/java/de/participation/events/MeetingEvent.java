package de.participation.events;

import java.util.UUID;

/**
 * The published language: everything that can happen to a meeting. Every event names its meeting
 * first. The family is sealed so that consumers can switch over it exhaustively and so that the
 * wire format of every member is pinned by an approved snapshot test.
 *
 * <p>Compatibility rule: members evolve only by new optional fields. A breaking change gets a new
 * {@link MeetingEventEnvelope#schemaversion() schema version} and an upcaster.
 */
public sealed interface MeetingEvent
        permits MeetingScheduled, MeetingCapacityChanged, RegistrationClosed, RegistrationReopened,
                MeetingCancelled, MeetingDetailsChanged, RegistrationEvent {

    UUID meetingId();
}
