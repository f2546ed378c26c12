package de.participation.query.meeting;

import de.participation.events.WaitingListPolicy;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.RecentChange;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The meeting summary of API.md, plus the details an organiser's tool also wants, and the latest
 * registration changes (newest first) for the dashboard's live feed. Confirmed, offered, available
 * and waitlisted count seats. {@code retentionEndsAt}: when its participants' personal data is erased.
 * {@code projection}: whether these figures follow the meeting's history or are parked behind an
 * event that could not be applied ({@link ProjectionState}).
 */
public record MeetingSummary(
        UUID meetingId,
        String organisation,
        String title,
        String description,
        String location,
        Instant startsAt,
        Instant endsAt,
        @Schema(allowableValues = {MeetingReadModel.SCHEDULED, MeetingReadModel.CANCELLED}) String status,
        boolean registrationOpen,
        int capacity,
        int confirmed,
        int offered,
        int available,
        int waitlisted,
        int checkedIn,
        boolean waitingListEnabled,
        int waitingListLimit,
        @Schema(implementation = WaitingListPolicy.Promotion.class) String promotion,
        int offerHours,
        @Schema(implementation = WaitingListPolicy.GroupPolicy.class) String groupPolicy,
        int retentionDays,
        Instant retentionEndsAt,
        long sequence,
        Instant updatedAt,
        List<RecentChange> recentChanges,
        ProjectionState projection) {

    public static MeetingSummary of(MeetingReadModel meeting, Clock clock) {
        return new MeetingSummary(meeting.meetingId(), meeting.organisation(), meeting.title(), meeting.description(), meeting.location(),
                meeting.startsAt(), meeting.endsAt(), meeting.status(), meeting.registrationOpen(clock),
                meeting.capacity(), meeting.confirmed(), meeting.offered(), available(meeting),
                meeting.waitlisted(), meeting.checkedIn(), meeting.waitingListEnabled(), meeting.waitingListLimit(),
                meeting.promotion(), meeting.offerHours(), meeting.groupPolicy(), meeting.retentionDays(),
                meeting.retentionEndsAt(), meeting.sequence(), meeting.updatedAt(), meeting.recentChanges(),
                ProjectionState.of(meeting));
    }

    /** Free seats: neither confirmed nor held for an offer; a cancelled meeting has none. */
    private static int available(MeetingReadModel meeting) {
        return MeetingReadModel.CANCELLED.equals(meeting.status()) ? 0
                : Math.max(0, meeting.capacity() - meeting.confirmed() - meeting.offered());
    }
}
