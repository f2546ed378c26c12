package de.participation.events;

/** Why a registration ended. */
public enum CancellationCause {
    /** The participant (through the portal) or the organiser cancelled this registration. */
    REQUESTED,
    /** The meeting itself was cancelled. */
    MEETING_CANCELLED
}
