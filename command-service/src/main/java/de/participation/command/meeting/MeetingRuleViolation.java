package de.participation.command.meeting;

import java.util.UUID;

/**
 * A command that breaks a rule of the meeting. It is checked on purpose: Axon commits (rather than
 * rolls back) a unit of work that ends in a checked exception, so a refused command keeps the
 * cached aggregate and writes nothing, because rules are checked before any event is applied.
 */
public class MeetingRuleViolation extends Exception {

    private final Rejection rejection;
    private final UUID registrationId;

    MeetingRuleViolation(Rejection rejection, String detail) {
        this(rejection, detail, null);
    }

    MeetingRuleViolation(Rejection rejection, String detail, UUID registrationId) {
        super(detail, null, false, false);
        this.rejection = rejection;
        this.registrationId = registrationId;
    }

    public Rejection rejection() {
        return rejection;
    }

    /** The registration the violation is about (for ALREADY_REGISTERED: the existing one), or null. */
    public UUID registrationId() {
        return registrationId;
    }
}
