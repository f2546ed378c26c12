package de.participation.query.meeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import de.participation.query.projection.MeetingReadModel;
import de.participation.query.projection.Parking;

import java.time.Instant;

/**
 * Whether a meeting's read models follow its history ({@code LIVE}) or stand still at their last
 * consistent state behind an event that could not be applied ({@code PARKED}, since when, and
 * which event: its topic position is what an operator names to skip it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProjectionState(String state, Instant since, ParkedEvent event) {

    static final ProjectionState LIVE = new ProjectionState("LIVE", null, null);

    /** The event the meeting is parked behind; sequence and type are null if it could not be read. */
    public record ParkedEvent(Long sequence, String type, String reason, int partition, long offset) {
    }

    public static ProjectionState of(MeetingReadModel meeting) {
        return meeting.parking().map(ProjectionState::parked).orElse(LIVE);
    }

    private static ProjectionState parked(Parking parking) {
        return new ProjectionState("PARKED", parking.since(), new ParkedEvent(parking.sequence(), parking.type(),
                parking.reason(), parking.partition(), parking.offset()));
    }
}
