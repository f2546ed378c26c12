package de.participation.command.web;

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
        @NotNull UUID registrationId,
        @NotNull @Valid ParticipantRequest participant,
        @Min(1) @Max(10) Integer seats,
        Boolean joinWaitingListIfFull) {

    record ParticipantRequest(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 254) String email,
            @Size(max = 200) String organisation) {
    }
}
