package de.participation.command.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/v1/meetings/{meetingId}/capacity}. */
record ChangeCapacityRequest(@NotNull @Min(1) @Max(100_000) Integer capacity) {
}
