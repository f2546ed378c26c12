package de.participation.query.activity;

import java.time.Instant;

/**
 * A meeting's seats after one of its events: confirmed, held for open offers, asked for on the
 * waiting list, and given up so far (cancelled, declined or expired offers). Numbers only.
 */
public record ActivityPoint(Instant at, int confirmed, int waitlisted, int offered, int cancelled) {
}
