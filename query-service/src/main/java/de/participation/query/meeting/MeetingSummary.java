package de.participation.query.meeting;

import de.participation.query.projection.MeetingReadModel;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** The meeting summary of API.md, plus the details an organiser's tool also wants. */
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
        Instant updatedAt) {

    public static MeetingSummary of(MeetingReadModel meeting, Clock clock) {
        return new MeetingSummary(meeting.meetingId(), meeting.organisation(), meeting.title(), meeting.description(), meeting.location(),
                meeting.startsAt(), meeting.endsAt(), meeting.status(), meeting.registrationOpen(clock),
                meeting.capacity(), meeting.confirmed(), available(meeting),
                meeting.waitingList().size(), meeting.waitingListEnabled(), meeting.waitingListLimit(),
                meeting.sequence(), meeting.updatedAt());
    }

    /** Free seats; a cancelled meeting has none to offer. */
    private static int available(MeetingReadModel meeting) {
        return MeetingReadModel.CANCELLED.equals(meeting.status()) ? 0
                : Math.max(0, meeting.capacity() - meeting.confirmed());
    }
}
