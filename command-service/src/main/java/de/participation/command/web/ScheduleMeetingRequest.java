package de.participation.command.web;

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
        UUID meetingId,
        @NotBlank @Size(max = 200) String title,
        @Size(max = 5000) String description,
        @NotBlank @Size(max = 200) String location,
        @NotNull @PlausibleInstant OffsetDateTime startsAt,
        @PlausibleInstant OffsetDateTime endsAt,
        @NotNull @Min(1) @Max(100_000) Integer capacity,
        @PlausibleInstant OffsetDateTime registrationOpensAt,
        @PlausibleInstant OffsetDateTime registrationClosesAt,
        @Valid WaitingListRequest waitingList,
        @Min(0) @Max(730) Integer retentionDays) {

    /** Left out: {@code AUTOMATIC}, 48 hours, {@code STRICT_ORDER}. */
    record WaitingListRequest(@NotNull Boolean enabled, @Min(0) @Max(100_000) Integer limit, Promotion promotion,
                              @Min(1) @Max(336) Integer offerHours, GroupPolicy groupPolicy) {
    }
}
