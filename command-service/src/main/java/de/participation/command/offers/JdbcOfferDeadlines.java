package de.participation.command.offers;

import de.participation.command.deadlines.DueDeadlines;
import de.participation.command.meeting.OfferDeadlines;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The offers' deadlines in PostgreSQL, written on the connection of the command's transaction: a
 * deadline commits or rolls back together with the offer's event.
 */
@Component
class JdbcOfferDeadlines implements OfferDeadlines, DueDeadlines<JdbcOfferDeadlines.Due> {

    /** A deadline that is due: the offer to send {@code ExpireOffer} for. */
    record Due(UUID meetingId, UUID registrationId, Instant dueAt) {
    }

    private final JdbcTemplate jdbc;

    JdbcOfferDeadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void expireAt(UUID meetingId, UUID registrationId, Instant deadline) {
        jdbc.update("""
                insert into offer_deadline (registration_id, meeting_id, due_at) values (?, ?, ?)
                on conflict (registration_id) do update set due_at = excluded.due_at""",
                registrationId, meetingId, Timestamp.from(deadline));
    }

    @Override
    public List<Due> dueAt(Instant now, int limit) {
        return jdbc.query("select meeting_id, registration_id, due_at from offer_deadline where due_at <= ? "
                        + "order by due_at limit ?",
                (row, number) -> new Due(row.getObject(1, UUID.class), row.getObject(2, UUID.class),
                        row.getTimestamp(3).toInstant()),
                Timestamp.from(now), limit);
    }

    @Override
    public long countDueAt(Instant now) {
        Long due = jdbc.queryForObject("select count(*) from offer_deadline where due_at <= ?", Long.class,
                Timestamp.from(now));
        return due == null ? 0 : due;
    }

    @Override
    public void done(Due due) {
        jdbc.update("delete from offer_deadline where registration_id = ? and due_at = ?", due.registrationId(),
                Timestamp.from(due.dueAt()));
    }
}
