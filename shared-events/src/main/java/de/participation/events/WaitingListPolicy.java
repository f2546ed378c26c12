package de.participation.events;

/**
 * Whether a full meeting keeps a waiting list, and how long it may grow ({@code limit} 0 means no
 * limit).
 */
public record WaitingListPolicy(boolean enabled, int limit) {

    public static final WaitingListPolicy UNLIMITED = new WaitingListPolicy(true, 0);
}
