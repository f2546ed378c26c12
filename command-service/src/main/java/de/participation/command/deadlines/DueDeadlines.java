package de.participation.command.deadlines;

import java.time.Instant;
import java.util.List;

/**
 * A table of deadlines as a {@link DeadlineScheduler} reads it.
 *
 * @param <D> one deadline
 */
public interface DueDeadlines<D> {

    /** The earliest deadlines due at {@code now}, at most {@code limit}. */
    List<D> dueAt(Instant now, int limit);

    /** How many deadlines are due at {@code now}: counted in the index on the due time, so cheap while few are. */
    long countDueAt(Instant now);

    /** The meeting decided {@code due}: forget it, unless it was replaced by a later one meanwhile. */
    void done(D due);
}
