package de.participation.command.retention;

import de.participation.command.deadlines.DueDeadlines;
import de.participation.command.meeting.RetentionDeadlines;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * When each meeting's personal data is to be erased, in PostgreSQL, written on the connection of
 * the command's transaction: a deadline commits or rolls back together with the event that set it.
 */
@Component
class JdbcRetentionDeadlines implements RetentionDeadlines, DueDeadlines<JdbcRetentionDeadlines.Due> {

    /** A meeting whose retention period is due. */
    record Due(UUID meetingId, Instant dueAt) {
    }

    private final JdbcTemplate jdbc;

    JdbcRetentionDeadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void eraseAt(UUID meetingId, Instant at) {
        jdbc.update("""
                insert into retention_deadline (meeting_id, due_at) values (?, ?)
                on conflict (meeting_id) do update set due_at = excluded.due_at""",
                meetingId, Timestamp.from(at));
    }

    @Override
    public List<Due> dueAt(Instant now, int limit) {
        return jdbc.query("select meeting_id, due_at from retention_deadline where due_at <= ? order by due_at limit ?",
                (row, number) -> new Due(row.getObject(1, UUID.class), row.getTimestamp(2).toInstant()),
                Timestamp.from(now), limit);
    }

    @Override
    public long countDueAt(Instant now) {
        Long due = jdbc.queryForObject("select count(*) from retention_deadline where due_at <= ?", Long.class,
                Timestamp.from(now));
        return due == null ? 0 : due;
    }

    @Override
    public void done(Due due) {
        jdbc.update("delete from retention_deadline where meeting_id = ? and due_at = ?", due.meetingId(),
                Timestamp.from(due.dueAt()));
    }
}
