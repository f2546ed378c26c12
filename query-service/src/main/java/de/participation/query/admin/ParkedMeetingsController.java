package de.participation.query.admin;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.query.kafka.ParkingRequests;
import de.participation.query.kafka.ParkingRequests.Action;
import de.participation.query.kafka.ParkingRequests.Request;
import de.participation.query.kafka.SkippedRecords;
import de.participation.query.projection.ParkedRecord;
import de.participation.query.projection.ProjectionService;
import de.participation.query.web.InvalidRequestException;
import de.participation.query.web.NotFoundException;
import de.participation.web.FieldProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * The operators' handling of parked meetings: which are parked and why, the records parked on
 * their own, the skips so far; retrying a meeting after the cause is fixed, and skipping a record
 * that can never be applied. The consumer that owns the meeting's partition carries a request out
 * ({@link ParkingRequests}); the answer waits for it, up to {@link #WAIT}, and otherwise says where
 * to follow it.
 */
@RestController
@RequestMapping("/api/v1/admin/parked-meetings")
@Tag(name = "Projections")
class ParkedMeetingsController {

    static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(50);

    private final ProjectionService projection;
    private final ParkingRequests requests;
    private final SkippedRecords skipped;
    private final Clock clock;

    ParkedMeetingsController(ProjectionService projection, ParkingRequests requests, SkippedRecords skipped,
                             Clock clock) {
        this.projection = projection;
        this.requests = requests;
        this.skipped = skipped;
        this.clock = clock;
    }

    /** A parked meeting: the record it is parked behind, and how many records wait in all (that one included). */
    record ParkedMeeting(UUID meetingId, Instant since, ParkedEvent event, int recordsParked) {
    }

    /** A parked record; {@code sequence} and {@code type} are null if it could not be read. */
    record ParkedEvent(int partition, long offset, Long sequence, String type, String reason) {
    }

    /** A record whose key names no meeting, parked on its own. */
    record ParkedAlone(int partition, long offset, String key, String reason, Instant parkedAt) {
    }

    record Overview(List<ParkedMeeting> meetings, List<ParkedAlone> alone, List<SkippedRecords.Skipped> skipped) {
    }

    /** The record to skip, by its position on the events topic (the meeting's {@code projection.event}). */
    record SkipRequest(Integer partition, Long offset) {
    }

    @Operation(operationId = "parkedMeetings", summary = "The parked meetings", description = "Each with the record that parked it; records parked "
            + "alone; the records skipped.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @GetMapping
    Overview overview() {
        return overviewOf(projection.parked().all(), skipped.all());
    }

    static Overview overviewOf(List<ParkedRecord> parked, List<SkippedRecords.Skipped> skips) {
        Map<UUID, List<ParkedRecord>> byMeeting = parked.stream().filter(record -> record.meetingId() != null)
                .collect(Collectors.groupingBy(ParkedRecord::meetingId));
        List<ParkedMeeting> meetings = new ArrayList<>();
        byMeeting.forEach((meetingId, records) -> {
            ParkedRecord cause = records.stream().filter(ParkedRecord::isCause).findFirst().orElse(records.getFirst());
            meetings.add(new ParkedMeeting(meetingId, cause.parkedAt(), new ParkedEvent(cause.partition(),
                    cause.offset(), cause.sequence(), cause.type(), cause.reason()), records.size()));
        });
        meetings.sort((one, other) -> one.since().compareTo(other.since()));
        List<ParkedAlone> alone = parked.stream().filter(record -> record.meetingId() == null)
                .map(record -> new ParkedAlone(record.partition(), record.offset(), record.key(), record.reason(),
                        record.parkedAt()))
                .toList();
        return new Overview(meetings, alone, skips);
    }

    @Operation(operationId = "retryParkedMeeting", summary = "Apply a parked meeting's records again")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @ApiResponse(responseCode = "200", description = "Carried out, with its outcome")
    @ApiResponse(responseCode = "202", description = "Not carried out within 10 s; its state at the `Location`")
    @PostMapping("/{meetingId}/retry")
    ResponseEntity<Request> retry(@PathVariable UUID meetingId, Authentication caller) {
        parkedRecordsOf(meetingId);
        return carriedOut(requests.ask(meetingId, Action.RETRY, null, caller.getName(), clock.instant()));
    }

    @Operation(summary = "Skip a parked meeting's record", description = "Named by `partition` and `offset`; the "
            + "meeting's records after it are applied.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @ApiResponse(responseCode = "200", description = "Carried out, with its outcome")
    @ApiResponse(responseCode = "202", description = "Not carried out within 10 s; its state at the `Location`")
    @PostMapping("/{meetingId}/skip")
    ResponseEntity<Request> skip(@PathVariable UUID meetingId, @RequestBody SkipRequest skip, Authentication caller) {
        List<FieldProblem> problems = new ArrayList<>();
        if (skip.partition() == null || skip.partition() < 0) {
            problems.add(new FieldProblem("partition", "is required: the parked record's partition"));
        }
        if (skip.offset() == null || skip.offset() < 0) {
            problems.add(new FieldProblem("offset", "is required: the parked record's offset"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        String position = ParkedRecord.positionOf(skip.partition(), skip.offset());
        if (parkedRecordsOf(meetingId).stream().noneMatch(record -> record.position().equals(position))) {
            throw new NotFoundException("Meeting " + meetingId + " has no parked record at " + position);
        }
        return carriedOut(requests.ask(meetingId, Action.SKIP, position, caller.getName(), clock.instant()));
    }

    @Operation(summary = "A retry's or skip's state")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @GetMapping("/requests/{requestId}")
    Request request(@PathVariable String requestId) {
        return requests.find(requestId).orElseThrow(() -> new NotFoundException("No request " + requestId));
    }

    private List<ParkedRecord> parkedRecordsOf(UUID meetingId) {
        List<ParkedRecord> records = projection.parked().of(meetingId);
        if (records.isEmpty()) {
            throw new NotFoundException("Meeting " + meetingId + " is not parked");
        }
        return records;
    }

    /** 200 with the outcome once the owning consumer carried the request out; 202 if it takes longer. */
    private ResponseEntity<Request> carriedOut(Request asked) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Request now = requests.find(asked.id()).orElseThrow();
            if (now.state() == ParkingRequests.State.DONE) {
                return ResponseEntity.ok(now);
            }
            LockSupport.parkNanos(POLL.toNanos());
        }
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .header("Location", "/api/v1/admin/parked-meetings/requests/" + asked.id()).body(asked);
    }
}
