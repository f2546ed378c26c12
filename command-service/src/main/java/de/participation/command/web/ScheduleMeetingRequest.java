package de.participation.command.web;

import io.swagger.v3.oas.annotations.media.Schema;
import de.participation.events.WaitingListPolicy.GroupPolicy;
import de.participation.events.WaitingListPolicy.Promotion;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * Body of {@code POST /api/v1/meetings}. Instants must carry an offset and lie in the years 2000 to
 * 2200. {@code retentionDays} left out: the deployment's default.
 */
record ScheduleMeetingRequest(
        @Schema(description = "Chosen by the caller for idempotency; left out, the service chooses one",
                example = "6f1c2a9e-3b7d-4c21-9a4e-0d5b8e7f1a01") UUID meetingId,
        @Schema(example = "Regionen-Workshop: Mobilität und Coworking") @NotBlank @Size(max = 200) String title,
        @Size(max = 5000) String description,
        @Schema(example = "Meißen") @NotBlank @Size(max = 200) String location,
        @Schema(example = "2030-06-03T10:00:00+02:00") @NotNull @PlausibleInstant OffsetDateTime startsAt,
        @PlausibleInstant OffsetDateTime endsAt,
        @Schema(example = "40") @NotNull @Min(1) @Max(100_000) Integer capacity,
        @PlausibleInstant OffsetDateTime registrationOpensAt,
        @PlausibleInstant OffsetDateTime registrationClosesAt,
        @Valid WaitingListRequest waitingList,
        @Schema(description = "Days after the meeting ended until its participants' personal data is erased; "
                + "left out: the deployment's default", example = "90") @Min(0) @Max(730) Integer retentionDays) {

    /** Left out: {@code AUTOMATIC}, 48 hours, {@code STRICT_ORDER}. */
    record WaitingListRequest(@Schema(example = "true") @NotNull Boolean enabled,
                              @Schema(description = "0: no limit", example = "0") @Min(0) @Max(100_000) Integer limit,
                              Promotion promotion, @Schema(example = "48") @Min(1) @Max(336) Integer offerHours,
                              GroupPolicy groupPolicy) {
    }
}
