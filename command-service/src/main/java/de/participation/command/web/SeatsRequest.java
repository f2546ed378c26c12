package de.participation.command.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Body of {@code PUT /api/v1/meetings/{meetingId}/registrations/{registrationId}/seats}. */
record SeatsRequest(@Schema(example = "2") @NotNull @Min(1) @Max(10) Integer seats) {
}
