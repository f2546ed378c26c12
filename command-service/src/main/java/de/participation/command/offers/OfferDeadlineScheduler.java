package de.participation.command.offers;

import de.participation.command.deadlines.DeadlineScheduler;
import de.participation.command.meeting.ExpireOffer;
import de.participation.command.writing.MeetingWriters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Sends {@link ExpireOffer} for every offer whose deadline is due. The Meeting expires an offer
 * only if it is still open and its deadline has passed, so a command that reaches the meeting
 * before the deadline's does so on its own terms.
 */
@Component
class OfferDeadlineScheduler extends DeadlineScheduler<JdbcOfferDeadlines.Due> {

    OfferDeadlineScheduler(JdbcOfferDeadlines deadlines, MeetingWriters writers,
                           @Value("${participation.offers.check-every:1s}") Duration checkEvery) {
        super("offer deadlines", "offer", "offer-deadline", deadlines,
                due -> new ExpireOffer(due.meetingId(), due.registrationId()),
                writers, checkEvery);
    }
}
