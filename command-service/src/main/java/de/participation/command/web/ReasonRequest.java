package de.participation.command.web;

import jakarta.validation.constraints.Size;

/** Optional body of the cancel commands. */
record ReasonRequest(@Size(max = 1000) String reason) {

    static final ReasonRequest NONE = new ReasonRequest(null);
}
