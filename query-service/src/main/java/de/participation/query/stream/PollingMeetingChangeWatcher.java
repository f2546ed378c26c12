package de.participation.query.stream;

import de.participation.events.MeetingEventEnvelope;
import de.participation.events.UnreadableEventException;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import de.participation.query.kafka.ConsumerLoop;
import de.participation.query.kafka.MeetingKeys;
import de.participation.query.kafka.QueryKafkaClients;
import de.participation.query.projection.LiveReadModels;
import de.participation.query.projection.MeetingReadModel;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Tells the streams of this instance when a meeting's read model changed, whichever instance
 * projected it, on a MongoDB without change streams (the local stack's stand-in, a standalone
 * server; {@code participation.mongodb.change-streams=false}); with them, {@link MeetingChangeStream}
 * does this job and this class is not created. Every instance reads all partitions of the events
 * topic (outside the consumer group, from the end) and, for each event, waits until the shared
 * read model has reached its sequence, polling MongoDB by id every few milliseconds while something
 * is pending. It loses no change when the projecting instance crashes: the notice waits for
 * whichever instance projects the event next. A meeting whose projection is parked behind a record
 * (its events wait) is told once as parked, and again when it is let go.
 */
@Component
@ConditionalOnProperty(name = "participation.mongodb.change-streams", havingValue = "false")
class PollingMeetingChangeWatcher extends ConsumerLoop {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(20);
    /** An event whose read model never shows up (of a meeting never scheduled, say) is forgotten after this. */
    private static final Duration GIVE_UP_AFTER = Duration.ofSeconds(30);

    /** @param toldParked whether the streams were told that the meeting is parked: then it is awaited until let go */
    private record Awaited(long sequence, Instant since, boolean toldParked) {
    }

    private final QueryKafkaClients clients;
    private final LiveReadModels readModels;
    private final CapacityStreams streams;
    private final Map<UUID, Awaited> awaited = new HashMap<>();

    PollingMeetingChangeWatcher(QueryKafkaClients clients, LiveReadModels readModels, CapacityStreams streams) {
        super("meeting-change-watcher");
        this.clients = clients;
        this.readModels = readModels;
        this.streams = streams;
    }

    /** Outside the consumer group: every instance reads every partition, and commits nothing. */
    @Override
    protected Map<String, Object> consumerConfig() {
        return clients.consumer(Map.of(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
    }

    @Override
    protected void consume(KafkaConsumer<String, String> kafka) {
        awaited.clear();
        clients.requireEventsTopic();
        List<TopicPartition> partitions = kafka.partitionsFor(Topics.MEETING_EVENTS).stream()
                .map(partition -> new TopicPartition(partition.topic(), partition.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        while (running()) {
            kafka.poll(POLL_TIMEOUT).forEach(this::await);
            notifyReached();
        }
    }

    private void await(ConsumerRecord<String, String> record) {
        if (streams.openStreams() == 0) {
            return;
        }
        UUID meetingId;
        long sequence;
        try {
            MeetingEventEnvelope envelope = MeetingEventJson.read(record.value());
            meetingId = envelope.data().meetingId();
            sequence = envelope.sequence();
        } catch (UnreadableEventException unreadable) {
            Optional<UUID> keyed = MeetingKeys.meetingOf(record.key());
            if (keyed.isEmpty()) {
                return; // parked on its own: no meeting changes
            }
            meetingId = keyed.get(); // it parks its meeting, which is told then
            sequence = Long.MAX_VALUE;
        }
        awaited.merge(meetingId, new Awaited(sequence, Instant.now(), false), (earlier, later) ->
                new Awaited(Math.max(earlier.sequence(), later.sequence()), earlier.since(), earlier.toldParked()));
    }

    private void notifyReached() {
        if (awaited.isEmpty()) {
            return;
        }
        Map<UUID, MeetingReadModel> current = readModels.live().meetings(awaited.keySet());
        List<MeetingReadModel> changed = new ArrayList<>();
        current.values().forEach(meeting -> {
            Awaited waiting = awaited.get(meeting.meetingId());
            boolean parked = meeting.parking().isPresent();
            if (parked && !waiting.toldParked()) {
                changed.add(meeting);
                awaited.put(meeting.meetingId(), new Awaited(waiting.sequence(), waiting.since(), true));
            } else if (!parked && (waiting.toldParked() || meeting.sequence() >= waiting.sequence())) {
                changed.add(meeting);
                awaited.remove(meeting.meetingId());
            }
        });
        Instant giveUp = Instant.now().minus(GIVE_UP_AFTER);
        awaited.values().removeIf(waiting -> !waiting.toldParked() && waiting.since().isBefore(giveUp));
        streams.changed(changed);
    }
}
