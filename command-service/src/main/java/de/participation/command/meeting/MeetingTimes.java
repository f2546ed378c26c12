package de.participation.command.meeting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A meeting's times, which must agree: it ends after it starts, and registration opens before it
 * closes and closes no later than the start. Checked when a meeting is scheduled and whenever its
 * details change.
 */
record MeetingTimes(Instant startsAt, Instant endsAt, Instant registrationOpensAt,
                           Instant registrationClosesAt) {

    /** One field at fault and why. */
    record Problem(String field, String message) {
    }

    List<Problem> problems() {
        List<Problem> problems = new ArrayList<>();
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            problems.add(new Problem("endsAt", "must be after startsAt"));
        }
        if (registrationClosesAt != null && registrationClosesAt.isAfter(startsAt)) {
            problems.add(new Problem("registrationClosesAt", "must not be after startsAt"));
        }
        Instant registrationEnds = registrationClosesAt != null ? registrationClosesAt : startsAt;
        if (registrationOpensAt != null && !registrationOpensAt.isBefore(registrationEnds)) {
            problems.add(new Problem("registrationOpensAt", "must be before registrationClosesAt and startsAt"));
        }
        return problems;
    }
}
