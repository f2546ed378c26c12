package de.participation.events;

/** Where a registration stands. */
public enum RegistrationStatus {
    CONFIRMED,
    WAITLISTED,
    CANCELLED;

    public boolean isActive() {
        return this != CANCELLED;
    }
}
