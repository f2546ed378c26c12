package de.participation.load;

import de.participation.events.CancellationCause;
import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingScheduled;
import de.participation.events.ParticipantRegistered;
import de.participation.events.ParticipantWaitlisted;
import de.participation.events.PromotionCause;
import de.participation.events.RegistrationCancelled;
import de.participation.events.RegistrationStatus;
import de.participation.events.SealedParticipant;
import de.participation.events.WaitingListPolicy;
import de.participation.events.WaitlistedParticipantPromoted;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Meetings of a read-side benchmark, published straight to the events topic in the events' real
 * form, as the command service would have published them: each has {@value #REGISTRATIONS}
 * registrations for {@value #CAPACITY} seats (the rest wait), then {@value #CANCELLATIONS}
 * cancellations that each promote the head of the waiting list. The participants are sealed with
 * keys the command service never had, so it opens them as erased.
 */
final class PublishedHistory implements AutoCloseable {

    static final String ORGANISATION = "BENCHMARK";
    static final int REGISTRATIONS = 500;
    static final int CAPACITY = 400;
    static final int CANCELLATIONS = 50;
    static final int EVENTS_PER_MEETING = 1 + REGISTRATIONS + 2 * CANCELLATIONS;

    /** A published meeting: what the next event needs. */
    private static final class Meeting {
        final UUID id = UUID.randomUUID();
        long nextSequence;
        int waiting;
    }

    private final KafkaProducer<String, String> bulk;
    private final KafkaProducer<String, String> prompt;
    private final List<Meeting> meetings = new ArrayList<>();
    private final Map<TopicPartition, Long> ends = new ConcurrentHashMap<>();
    private Instant time = Instant.parse("2026-01-01T00:00:00Z");

    PublishedHistory(String bootstrapServers) {
        Topics.ensureExists(bootstrapServers, Topics.MEETING_EVENTS, 6, (short) 1);
        bulk = producer(bootstrapServers, 20);
        // Single events go out within 5 ms, a few at a time, as the command service's forwarder
        // sends what each group commit wrote; their lag is measured from when each was due, wait included.
        prompt = producer(bootstrapServers, 5);
    }

    private static KafkaProducer<String, String> producer(String bootstrapServers, int lingerMillis) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.LINGER_MS_CONFIG, lingerMillis, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
    }

    /** Publishes the whole histories of {@code count} new meetings; returns the topic's ends after them. */
    Map<TopicPartition, Long> addMeetings(int count) {
        for (int m = 0; m < count; m++) {
            Meeting meeting = new Meeting();
            meetings.add(meeting);
            history(meeting).forEach(event -> send(bulk, meeting, event, null));
            meeting.waiting = REGISTRATIONS - CAPACITY - CANCELLATIONS;
        }
        bulk.flush();
        return Map.copyOf(ends);
    }

    /**
     * Publishes one more person waiting for a meeting drawn at random; {@code published} learns
     * where the record landed, once it has.
     */
    void waitlistSomeone(RandomGenerator random, ProjectionProgress progress, long dueNanos) {
        Meeting meeting = meetings.get(random.nextInt(meetings.size()));
        meeting.waiting++;
        UUID registrationId = UUID.randomUUID();
        send(prompt, meeting, new ParticipantWaitlisted(meeting.id, registrationId, sealed(0),
                meeting.waiting), partitionAndOffset -> progress.published(partitionAndOffset.getKey(),
                partitionAndOffset.getValue(), dueNanos));
    }

    /** The topic's ends after everything published so far. */
    Map<TopicPartition, Long> ends() {
        prompt.flush();
        return Map.copyOf(ends);
    }

    List<String> meetingIds() {
        return meetings.stream().map(meeting -> meeting.id.toString()).toList();
    }

    long registrations() {
        return (long) meetings.size() * REGISTRATIONS;
    }

    private void send(KafkaProducer<String, String> producer, Meeting meeting, MeetingEvent event,
                      Consumer<Map.Entry<TopicPartition, Long>> published) {
        time = time.plusMillis(1);
        MeetingEventEnvelope envelope = MeetingEventEnvelope.of(UUID.randomUUID().toString(), time,
                meeting.nextSequence++, "benchmark", "portal", event);
        producer.send(new ProducerRecord<>(Topics.MEETING_EVENTS, meeting.id.toString(), MeetingEventJson.write(envelope)),
                (metadata, failure) -> {
                    if (failure != null) {
                        throw new IllegalStateException("Publishing failed", failure);
                    }
                    TopicPartition partition = new TopicPartition(metadata.topic(), metadata.partition());
                    ends.merge(partition, metadata.offset() + 1, Math::max);
                    if (published != null) {
                        published.accept(Map.entry(partition, metadata.offset()));
                    }
                });
    }

    private static List<MeetingEvent> history(Meeting meeting) {
        UUID meetingId = meeting.id;
        List<MeetingEvent> events = new ArrayList<>(EVENTS_PER_MEETING);
        events.add(new MeetingScheduled(meetingId, "Replay-Workshop", null, "Dresden", Instant.parse("2099-01-01T09:00:00Z"),
                null, CAPACITY, null, null, WaitingListPolicy.UNLIMITED, ORGANISATION));
        List<UUID> confirmed = new ArrayList<>();
        List<UUID> waiting = new ArrayList<>();
        for (int i = 0; i < REGISTRATIONS; i++) {
            UUID registrationId = UUID.randomUUID();
            if (i < CAPACITY) {
                events.add(new ParticipantRegistered(meetingId, registrationId, sealed(i)));
                confirmed.add(registrationId);
            } else {
                events.add(new ParticipantWaitlisted(meetingId, registrationId, sealed(i), waiting.size() + 1));
                waiting.add(registrationId);
            }
        }
        for (int i = 0; i < CANCELLATIONS; i++) {
            UUID leaving = confirmed.remove(i);
            UUID promoted = waiting.removeFirst();
            events.add(new RegistrationCancelled(meetingId, leaving, RegistrationStatus.CONFIRMED,
                    CancellationCause.REQUESTED, null));
            events.add(new WaitlistedParticipantPromoted(meetingId, promoted, PromotionCause.CANCELLATION, leaving));
            confirmed.add(promoted);
        }
        return events;
    }

    private static SealedParticipant sealed(int i) {
        return new SealedParticipant("c2VhbGVkLWZvci10aGUtYmVuY2htYXJrLW9ubHktbm90LWEtcmVhbC1jaXBoZXJ0ZXh0LQ==" + i);
    }

    @Override
    public void close() {
        bulk.close();
        prompt.close();
    }
}
