package de.participation.query.admin;

import de.participation.web.openapi.ApiDescription;
import de.participation.web.openapi.Refusal;
import de.participation.web.security.Roles;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import de.participation.kafka.Topics;
import de.participation.query.kafka.ParkedEvents;
import de.participation.query.kafka.QueryKafkaClients;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.ReadModelStore;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.bson.Document;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The operators' view of the projection: where it stands, and rebuilding it from the history. */
@RestController
@RequestMapping("/api/v1/admin/projections")
@Tag(name = "Projections", description = "The operators' view of the read models: status, rebuild, verification, "
        + "parked meetings")
class ProjectionAdminController {

    private static final int LATEST_PARKED = 20;
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(3);

    private final ProjectionRebuild rebuild;
    private final ProjectionVerification verification;
    private final LiveReadModels readModels;
    private final QueryKafkaClients kafka;
    private final ParkedEvents parked;

    ProjectionAdminController(ProjectionRebuild rebuild, ProjectionVerification verification,
                              LiveReadModels readModels, QueryKafkaClients kafka, ParkedEvents parked) {
        this.rebuild = rebuild;
        this.verification = verification;
        this.readModels = readModels;
        this.kafka = kafka;
        this.parked = parked;
    }

    record Started(String rebuildId, long generation) {
    }

    record PartitionLag(int partition, long position, long end, long lag) {
    }

    /**
     * {@code kafka} is UP or UNAVAILABLE; without Kafka, lag, partitions and the log of parked
     * records are unknown (null). {@code parkedMeetings}: the meetings parked now, from the read models.
     */
    record Status(long liveGeneration, String kafka, Long lag, List<PartitionLag> partitions,
                  ParkedEvents.Summary parked, List<ParkedMeetingsController.ParkedMeeting> parkedMeetings,
                  Map<String, Object> rebuild) {
    }

    @Operation(summary = "Rebuild the read models", description = "Replays the whole history into fresh read models "
            + "while the live ones keep serving, then switches over.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @ApiResponse(responseCode = "202", description = "Started; its progress in the status")
    @Refusal(status = 409, codes = "REBUILD_IN_PROGRESS", when = "a rebuild or verification is running")
    @PostMapping("/rebuild")
    ResponseEntity<Started> rebuild() {
        Document started = rebuild.start();
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .body(new Started(started.getString("rebuildId"), started.getLong("generation")));
    }

    /**
     * Replays the history into a scratch generation and compares it with the live read models;
     * answers when done (seconds for a hundred thousand events).
     */
    @Operation(summary = "Verify the read models", description = "Replays the history and compares it with the "
            + "live read models.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @Refusal(status = 409, codes = "REBUILD_IN_PROGRESS", when = "a rebuild or verification is running")
    @PostMapping("/verification")
    ProjectionVerification.Report verify() throws ExecutionException, InterruptedException {
        return verification.verify();
    }

    /**
     * The live projection's position and lag per partition, the records it parked on the dead-letter
     * topic (how many, the latest {@value #LATEST_PARKED} with their reasons), the meetings parked
     * now, and the last rebuild
     * with its progress. With Kafka away it says so, at once, and shows what it knows without it.
     */
    @Operation(summary = "The projection's status", description = "Position and lag per partition, parked events "
            + "and meetings, and the rebuild's progress.")
    @SecurityRequirement(name = ApiDescription.BEARER, scopes = Roles.OPERATOR)
    @GetMapping
    Status status() throws InterruptedException {
        ReadModelStore live = readModels.current();
        long generation = live.generation();
        List<ParkedMeetingsController.ParkedMeeting> parkedMeetings =
                ParkedMeetingsController.overviewOf(live.parked().all(), List.of()).meetings();
        if (!Topics.reachable(kafka.admin(), KAFKA_WAIT)) {
            return new Status(generation, "UNAVAILABLE", null, null, null, parkedMeetings, rebuildStatus());
        }
        try (Admin admin = Topics.admin(kafka.admin())) {
            List<TopicPartition> partitions = admin.describeTopics(List.of(Topics.MEETING_EVENTS)).allTopicNames()
                    .get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                    .get(Topics.MEETING_EVENTS).partitions().stream()
                    .map(partition -> new TopicPartition(Topics.MEETING_EVENTS, partition.partition())).toList();
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(kafka.groupId())
                    .partitionsToOffsetAndMetadata().get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            var ends = admin.listOffsets(partitions.stream()
                    .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()))).all()
                    .get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            List<PartitionLag> lags = partitions.stream().map(partition -> {
                long position = committed.get(partition) == null ? 0 : committed.get(partition).offset();
                long end = ends.get(partition).offset();
                return new PartitionLag(partition.partition(), position, end, Math.max(0, end - position));
            }).toList();
            return new Status(generation, "UP", lags.stream().mapToLong(PartitionLag::lag).sum(), lags,
                    parked.summary(LATEST_PARKED), parkedMeetings, rebuildStatus());
        } catch (ExecutionException | TimeoutException | KafkaException wentAway) {
            return new Status(generation, "UNAVAILABLE", null, null, null, parkedMeetings, rebuildStatus());
        }
    }

    private Map<String, Object> rebuildStatus() {
        Document last = rebuild.status();
        if (last == null) {
            return null;
        }
        last.remove("_id");
        List<Document> partitions = last.getList("partitions", Document.class, List.of());
        long done = partitions.stream().mapToLong(partition -> partition.getLong("position")).sum();
        long total = partitions.stream().mapToLong(partition -> partition.getLong("end")).sum();
        last.append("progress", total == 0 ? 0.0 : Math.min(1.0, (double) done / total));
        return last;
    }
}
