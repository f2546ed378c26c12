package de.participation.command.meeting;

/** Why the Meeting refused a command: the machine-readable codes of DOMAIN.md. */
public enum Rejection {
    MEETING_CANCELLED,
    MEETING_ID_CONFLICT,
    REGISTRATION_NOT_OPEN,
    REGISTRATION_CLOSED,
    REGISTRATION_ID_CONFLICT,
    ALREADY_REGISTERED,
    MEETING_FULL,
    WAITING_LIST_FULL,
    CAPACITY_BELOW_CONFIRMED,
    REGISTRATION_NOT_FOUND,
    /** The requester does not organise this meeting. */
    NOT_ORGANISER
}
