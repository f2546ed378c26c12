package de.participation.command.meeting;

/**
 * The Meeting aggregate's type, for the infrastructure that stores it (its repository and its
 * snapshots): the aggregate itself stays package-private, so only the commands, outcomes and ports
 * of this package are its API.
 */
public final class MeetingAggregate {

    private MeetingAggregate() {
    }

    public static Class<?> type() {
        return Meeting.class;
    }
}
