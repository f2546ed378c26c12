package de.participation.query.audit;

import de.participation.query.meeting.MeetingSummary;
import de.participation.query.registration.RegistrationView;

import java.time.Instant;
import java.util.List;

/** A meeting and its registrations as they were at {@code asOf}, in the live API's shapes. */
public record MeetingState(Instant asOf, MeetingSummary meeting, List<RegistrationView> registrations) {
}
