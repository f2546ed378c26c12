package de.participation.query.dashboard;

import io.swagger.v3.oas.annotations.Hidden;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Where browsers report what the dashboard's {@link ContentSecurityPolicy} blocked ({@code
 * report-uri}): each report becomes one warning in the log, so that an injected script, or a
 * change of the page that the policy would break, is seen by the operators. The endpoint is public,
 * as browsers send reports without a token; a report is read only up to 8 KiB and at most 20 are
 * logged a minute, so that nobody can fill the log through it.
 */
// The browser's own reports, not an API that a client is generated for.
@Hidden
@RestController
class CspViolationReports {

    private static final Logger log = LoggerFactory.getLogger(CspViolationReports.class);
    private static final int MOST_BYTES = 8 * 1024;
    private static final int MOST_LOGGED_PER_MINUTE = 20;
    private static final int MOST_CHARACTERS_PER_FIELD = 200;

    private final ObjectMapper json;
    private final Clock clock;
    private Instant minuteStart = Instant.EPOCH;
    private int loggedThisMinute;
    private int unlogged;

    CspViolationReports(ObjectMapper json, Clock clock) {
        this.json = json;
        this.clock = clock;
    }

    @PostMapping(ContentSecurityPolicy.REPORTS)
    ResponseEntity<Void> report(HttpServletRequest request) throws IOException {
        byte[] body = request.getInputStream().readNBytes(MOST_BYTES + 1);
        if (body.length > MOST_BYTES) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).build();
        }
        JsonNode report;
        try {
            report = json.readTree(body).path("csp-report");
        } catch (JsonProcessingException unreadable) {
            return ResponseEntity.badRequest().build();
        }
        if (!report.isObject()) {
            return ResponseEntity.badRequest().build();
        }
        logThrottled(field(report, "effective-directive", "violated-directive"), field(report, "blocked-uri"),
                field(report, "document-uri"));
        return ResponseEntity.noContent().build();
    }

    private synchronized void logThrottled(String directive, String blocked, String page) {
        Instant now = clock.instant();
        if (Duration.between(minuteStart, now).compareTo(Duration.ofMinutes(1)) >= 0) {
            minuteStart = now;
            loggedThisMinute = 0;
        }
        if (loggedThisMinute == MOST_LOGGED_PER_MINUTE) {
            unlogged++;
            return;
        }
        loggedThisMinute++;
        log.warn("Content Security Policy violation: {} blocked {} on {}{}", directive, blocked, page,
                unlogged == 0 ? "" : " (" + unlogged + " earlier reports over the limit not logged)");
        unlogged = 0;
    }

    /** The first of the fields present, as one short line: a report is written by anyone. */
    private static String field(JsonNode report, String... names) {
        for (String name : names) {
            String value = report.path(name).asText("");
            if (!value.isEmpty()) {
                String line = value.replaceAll("\\p{Cntrl}", "?");
                return line.length() > MOST_CHARACTERS_PER_FIELD ? line.substring(0, MOST_CHARACTERS_PER_FIELD) + "…" : line;
            }
        }
        return "(not given)";
    }
}
