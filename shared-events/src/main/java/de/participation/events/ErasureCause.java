package de.participation.events;

/** Why a participant's personal data was erased. */
public enum ErasureCause {
    /** Asked for (GDPR Art. 17): by an organiser of the meeting or an operator. */
    REQUEST,
    /** The meeting's retention period passed (GDPR Art. 5(1)(e)): every registration at once. */
    RETENTION
}
