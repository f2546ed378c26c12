package de.participation.query.meeting;

import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.RecentChange;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The meeting summary of API.md, plus the details an organiser's tool also wants, and the latest
 * registration changes (newest first) for the dashboard's live feed.
 */
public record MeetingSummary(
        UUID meetingId,
        String organisation,
        String title,
        String description,
        String location,
        Instant startsAt,
        Instant endsAt,
        String status,
        boolean registrationOpen,
        int capacity,
        int confirmed,
        int available,
        int waitlisted,
        boolean waitingListEnabled,
        int waitingListLimit,
        long sequence,
        Instant updatedAt,
        List<RecentChange> recentChanges) {

    public static MeetingSummary of(MeetingReadModel meeting, Clock clock) {
        return new MeetingSummary(meeting.meetingId(), meeting.organisation(), meeting.title(), meeting.description(), meeting.location(),
                meeting.startsAt(), meeting.endsAt(), meeting.status(), meeting.registrationOpen(clock),
                meeting.capacity(), meeting.confirmed(), available(meeting),
                meeting.waitlisted(), meeting.waitingListEnabled(), meeting.waitingListLimit(),
                meeting.sequence(), meeting.updatedAt(), meeting.recentChanges());
    }

    /** Free seats; a cancelled meeting has none to offer. */
    private static int available(MeetingReadModel meeting) {
        return MeetingReadModel.CANCELLED.equals(meeting.status()) ? 0
                : Math.max(0, meeting.capacity() - meeting.confirmed());
    }
}
