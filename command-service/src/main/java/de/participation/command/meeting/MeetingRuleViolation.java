package de.participation.command.meeting;

import java.util.UUID;

/**
 * A command that breaks a rule of the meeting. It is checked so that every handler declares the
 * rules it can break; the command bus rolls the unit of work back on it as on any exception, so a
 * refused command leaves nothing behind, whatever it had written before the rule failed.
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
