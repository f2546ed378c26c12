package de.participation.events;

/** What freed the seats that a waiting entry moved up into. */
public enum PromotionCause {
    /** A registration holding seats was cancelled ({@code vacatedBy} names it). */
    CANCELLATION,
    /** The capacity grew. */
    CAPACITY_INCREASE,
    /** An offer was declined ({@code vacatedBy} names its registration). */
    OFFER_DECLINED,
    /** An offer's deadline passed ({@code vacatedBy} names its registration). */
    OFFER_EXPIRED,
    /** A registration gave seats back ({@code vacatedBy} names it). */
    SEATS_GIVEN_BACK,
    /**
     * The meeting's start moved later: seats freed after the old start, which stayed free because no
     * offer is made from the start on, can be offered again.
     */
    START_MOVED
}
