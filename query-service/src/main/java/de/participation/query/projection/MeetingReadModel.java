package de.participation.query.projection;

import de.participation.events.MeetingScheduled;
import de.participation.events.WaitingListPolicy;
import org.bson.Document;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * One meeting as the read side keeps it: its details and its counts, a document of constant size
 * however many register. Who waits, and in which order, is in the meeting's arrival order
 * ({@link ArrivalIndex}, {@link ArrivalChunk}). {@code sequence} is the last event of the meeting
 * applied here.
 */
public final class MeetingReadModel {

    public static final String SCHEDULED = "SCHEDULED";
    public static final String CANCELLED = "CANCELLED";
    /** The field of a parked meeting's document that says why ({@link Parking}); absent while it is live. */
    static final String PROJECTION = "projection";
    /** How many changes the live feed keeps. */
    static final int RECENT_CHANGES = 20;

    UUID meetingId;
    String organisation;
    String title;
    String description;
    String location;
    Instant startsAt;
    Instant endsAt;
    int capacity;
    Instant registrationOpensAt;
    Instant registrationClosesAt;
    boolean waitingListEnabled;
    int waitingListLimit;
    String promotion = WaitingListPolicy.Promotion.AUTOMATIC.name();
    int offerHours = WaitingListPolicy.DEFAULT_OFFER_HOURS;
    String groupPolicy = WaitingListPolicy.GroupPolicy.STRICT_ORDER.name();
    /** Days after the meeting ended that its participants' personal data is erased. */
    int retentionDays = MeetingScheduled.DEFAULT_RETENTION_DAYS;
    /** How often the details changed since scheduling: the calendar entry's {@code SEQUENCE}. */
    int detailsChanges;
    String status = SCHEDULED;
    boolean closedByOrganiser;
    /** Seats, not registrations: confirmed, held for open offers, asked for on the waiting list. */
    int confirmed;
    int offered;
    int waitlisted;
    /** The seats of the registrations checked in at the door. */
    int checkedIn;
    /** The latest registration changes, newest first. */
    List<RecentChange> recentChanges = new ArrayList<>();
    long sequence = -1;
    Instant updatedAt;
    /** The store this document was written for: see {@link KnownDocuments#forStore}. */
    String store;
    /** Whether its start is new or changed since it was last saved: the meeting order must follow ({@link MeetingOrder}). */
    boolean startChanged;
    /** Why the meeting's projection is parked ({@link ParkedRecords}); null while it is live. */
    Parking parking;

    public UUID meetingId() {
        return meetingId;
    }

    /** The organisation that runs the meeting; its organisers alone may read its participants. */
    public String organisation() {
        return organisation;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }

    public String location() {
        return location;
    }

    public Instant startsAt() {
        return startsAt;
    }

    public Instant endsAt() {
        return endsAt;
    }

    public int capacity() {
        return capacity;
    }

    public String status() {
        return status;
    }

    public int confirmed() {
        return confirmed;
    }

    public int waitlisted() {
        return waitlisted;
    }

    public int offered() {
        return offered;
    }

    public int checkedIn() {
        return checkedIn;
    }

    public String promotion() {
        return promotion;
    }

    public int offerHours() {
        return offerHours;
    }

    public String groupPolicy() {
        return groupPolicy;
    }

    public int retentionDays() {
        return retentionDays;
    }

    /** When its participants' personal data is erased: {@code retentionDays} after it ended ({@code endsAt}, else {@code startsAt}). */
    public Instant retentionEndsAt() {
        return (endsAt != null ? endsAt : startsAt).plus(Duration.ofDays(retentionDays));
    }

    public int detailsChanges() {
        return detailsChanges;
    }

    public long sequence() {
        return sequence;
    }

    public List<RecentChange> recentChanges() {
        return List.copyOf(recentChanges);
    }

    void recordChange(RecentChange change) {
        recentChanges.addFirst(change);
        if (recentChanges.size() > RECENT_CHANGES) {
            recentChanges.removeLast();
        }
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Why the meeting's projection is parked, with its state before that; empty while it is live. */
    public Optional<Parking> parking() {
        return Optional.ofNullable(parking);
    }

    public boolean waitingListEnabled() {
        return waitingListEnabled;
    }

    public int waitingListLimit() {
        return waitingListLimit;
    }

    /** Whether a registration would be accepted now: open by the organiser, inside the window, before the start. */
    public boolean registrationOpen(Clock clock) {
        Instant now = clock.instant();
        return SCHEDULED.equals(status) && !closedByOrganiser
                && (registrationOpensAt == null || !now.isBefore(registrationOpensAt))
                && (registrationClosesAt == null || now.isBefore(registrationClosesAt))
                && now.isBefore(startsAt);
    }

    Document toDocument() {
        Document document = new Document("_id", meetingId.toString())
                .append("organisation", organisation)
                .append("title", title)
                .append("description", description)
                .append("location", location)
                .append("startsAt", date(startsAt))
                .append("endsAt", date(endsAt))
                .append("capacity", capacity)
                .append("registrationOpensAt", date(registrationOpensAt))
                .append("registrationClosesAt", date(registrationClosesAt))
                .append("waitingListEnabled", waitingListEnabled)
                .append("waitingListLimit", waitingListLimit)
                .append("promotion", promotion)
                .append("offerHours", offerHours)
                .append("groupPolicy", groupPolicy)
                .append("retentionDays", retentionDays)
                .append("detailsChanges", detailsChanges)
                .append("status", status)
                .append("closedByOrganiser", closedByOrganiser)
                .append("confirmed", confirmed)
                .append("offered", offered)
                .append("checkedIn", checkedIn)
                .append("waitlisted", waitlisted)
                .append("recentChanges", recentChanges.stream().map(RecentChange::toDocument).toList())
                .append("sequence", sequence)
                .append("updatedAt", date(updatedAt))
                .append("store", store);
        if (parking != null) {
            document.append(PROJECTION, parking.toDocument());
        }
        return document;
    }

    static MeetingReadModel from(Document document) {
        MeetingReadModel meeting = new MeetingReadModel();
        meeting.meetingId = UUID.fromString(document.getString("_id"));
        meeting.organisation = document.getString("organisation");
        meeting.title = document.getString("title");
        meeting.description = document.getString("description");
        meeting.location = document.getString("location");
        meeting.startsAt = instant(document.getDate("startsAt"));
        meeting.endsAt = instant(document.getDate("endsAt"));
        meeting.capacity = document.getInteger("capacity");
        meeting.registrationOpensAt = instant(document.getDate("registrationOpensAt"));
        meeting.registrationClosesAt = instant(document.getDate("registrationClosesAt"));
        meeting.waitingListEnabled = document.getBoolean("waitingListEnabled");
        meeting.waitingListLimit = document.getInteger("waitingListLimit");
        meeting.promotion = document.get("promotion", meeting.promotion);
        meeting.offerHours = document.get("offerHours", meeting.offerHours);
        meeting.groupPolicy = document.get("groupPolicy", meeting.groupPolicy);
        meeting.retentionDays = document.get("retentionDays", meeting.retentionDays);
        meeting.detailsChanges = document.getInteger("detailsChanges", 0);
        meeting.status = document.getString("status");
        meeting.closedByOrganiser = document.getBoolean("closedByOrganiser");
        meeting.confirmed = document.getInteger("confirmed");
        meeting.offered = document.getInteger("offered", 0);
        meeting.checkedIn = document.getInteger("checkedIn", 0);
        meeting.waitlisted = document.getInteger("waitlisted");
        meeting.recentChanges = new ArrayList<>(document.getList("recentChanges", Document.class, List.of()).stream()
                .map(RecentChange::from).toList());
        meeting.sequence = document.getLong("sequence");
        meeting.updatedAt = instant(document.getDate("updatedAt"));
        meeting.store = document.getString("store");
        Document parking = document.get(PROJECTION, Document.class);
        meeting.parking = parking == null ? null : Parking.from(parking);
        return meeting;
    }

    static Date date(Instant instant) {
        return instant == null ? null : Date.from(instant);
    }

    static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
