package de.participation.command.retention;

import de.participation.command.deadlines.DeadlineScheduler;
import de.participation.command.meeting.EraseAfterRetention;
import de.participation.command.writing.MeetingWriters;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * Sends {@link EraseAfterRetention} for every meeting whose retention period is due, checked every
 * {@code participation.retention.check-every} (10 s): the personal data is erased within that of
 * the moment, well inside the promised minute, and then gone from every read within seconds.
 */
@Component
class RetentionScheduler extends DeadlineScheduler<JdbcRetentionDeadlines.Due> {

    RetentionScheduler(JdbcRetentionDeadlines deadlines, MeetingWriters writers,
                       @Value("${participation.retention.check-every:10s}") Duration checkEvery) {
        super("retention deadlines", "retention", "retention", deadlines,
                due -> new EraseAfterRetention(due.meetingId()), writers,
                checkEvery);
    }
}
