package de.participation.query.activity;

import java.util.List;
import java.util.UUID;

/** A meeting's seats over time, oldest first, for the dashboard's chart. */
public record Activity(UUID meetingId, List<ActivityPoint> points) {
}
