package de.participation.command.web;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Size;

/** Optional body of the cancel commands. */
record ReasonRequest(@Schema(example = "Terminkonflikt") @Size(max = 1000) String reason) {

    static final ReasonRequest NONE = new ReasonRequest(null);
}
