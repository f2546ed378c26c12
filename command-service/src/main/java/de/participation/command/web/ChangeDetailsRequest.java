package de.participation.command.web;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;

/**
 * Body of {@code PUT /api/v1/meetings/{meetingId}/details}: any subset of the details, as in
 * {@link ScheduleMeetingRequest}; a field left out (or null) stays as it is.
 */
record ChangeDetailsRequest(
        @Size(max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String title,
        @Size(max = 5000) String description,
        @Size(max = 200) @Pattern(regexp = ".*\\S.*", message = "must not be blank") String location,
        @PlausibleInstant OffsetDateTime startsAt,
        @PlausibleInstant OffsetDateTime endsAt,
        @PlausibleInstant OffsetDateTime registrationOpensAt,
        @PlausibleInstant OffsetDateTime registrationClosesAt) {
}
