package de.participation.events;

/**
 * Whether a full meeting keeps a waiting list, how long it may grow ({@code limit} 0 means no
 * limit), how its entries move up ({@code promotion}: confirmed at once, or offered the seats until
 * a deadline {@code offerHours} ahead), and what happens when the head is a group that does not fit
 * into the free seats ({@code groupPolicy}). Version 2 of {@link MeetingScheduled} added the last
 * three; events from before read as {@code AUTOMATIC}, 48 hours, {@code STRICT_ORDER}.
 */
public record WaitingListPolicy(boolean enabled, int limit, Promotion promotion, int offerHours,
                                GroupPolicy groupPolicy) {

    public static final int DEFAULT_OFFER_HOURS = 48;
    public static final WaitingListPolicy UNLIMITED = new WaitingListPolicy(true, 0);

    /** How a waiting entry moves up when seats free. */
    public enum Promotion {
        /** Confirmed in the same unit of work. */
        AUTOMATIC,
        /** Offered the seats, held for it until the offer's deadline. */
        OFFER
    }

    /** Whether entries behind a head that does not fit may move up first. */
    public enum GroupPolicy {
        /** Nobody moves past the head. */
        STRICT_ORDER,
        /** The first entries behind the head that fit move up; the head keeps its place. */
        FILL_GAPS
    }

    /** Moving up automatically, in strict order: the rules of version 1. */
    public WaitingListPolicy(boolean enabled, int limit) {
        this(enabled, limit, Promotion.AUTOMATIC, DEFAULT_OFFER_HOURS, GroupPolicy.STRICT_ORDER);
    }
}
