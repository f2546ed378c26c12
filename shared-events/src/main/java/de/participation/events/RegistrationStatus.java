package de.participation.events;

/** Where a registration stands. */
public enum RegistrationStatus {
    CONFIRMED,
    WAITLISTED,
    /** Moved up with promotion {@code OFFER}: its seats are held until it accepts, declines or the deadline passes. */
    OFFERED,
    CANCELLED;

    public boolean isActive() {
        return this != CANCELLED;
    }

    /** Whether the registration's seats count against the capacity. */
    public boolean holdsSeats() {
        return this == CONFIRMED || this == OFFERED;
    }
}
