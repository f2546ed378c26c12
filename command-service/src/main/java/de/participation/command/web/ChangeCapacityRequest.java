package de.participation.command.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/v1/meetings/{meetingId}/capacity}. */
record ChangeCapacityRequest(@Schema(example = "60") @NotNull @Min(1) @Max(100_000) Integer capacity) {
}
