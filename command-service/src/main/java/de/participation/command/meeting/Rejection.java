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
    NOT_ORGANISER,
    /** The offer's deadline has passed. */
    OFFER_EXPIRED,
    /** The registration has no offer to answer. */
    NO_OPEN_OFFER,
    /** Seats can only be given back, never asked for in addition. */
    SEATS_CANNOT_GROW,
    /** Only a confirmed registration can be checked in. */
    NOT_CONFIRMED,
    /** The registration has ended: nothing about it can change any more. */
    REGISTRATION_CANCELLED,
    /** The meeting's times would contradict each other (answered as invalid input, with the field). */
    INCONSISTENT_TIMES
}
