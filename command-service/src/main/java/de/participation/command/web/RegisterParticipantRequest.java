package de.participation.command.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/** Body of {@code POST /api/v1/meetings/{meetingId}/registrations}. */
record RegisterParticipantRequest(
        @Schema(description = "Chosen by the portal, so that a retried request is recognised",
                example = "00000000-0000-4000-8000-000000000001") @NotNull UUID registrationId,
        @NotNull @Valid ParticipantRequest participant,
        @Schema(description = "Left out: 1", example = "1") @Min(1) @Max(10) Integer seats,
        @Schema(description = "Left out: true", example = "true") Boolean joinWaitingListIfFull) {

    record ParticipantRequest(
            @Schema(example = "Erika Mustermann") @NotBlank @Size(max = 200) String name,
            @Schema(example = "erika@example.org") @NotBlank @Email @Size(max = 254) String email,
            @Schema(example = "Gemeinde Musterdorf") @Size(max = 200) String organisation) {
    }
}
