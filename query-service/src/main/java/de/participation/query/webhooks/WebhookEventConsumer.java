package de.participation.query.webhooks;

import de.participation.events.MeetingEvent;
import de.participation.events.MeetingEventEnvelope;
import de.participation.events.MeetingScheduled;
import de.participation.events.UnreadableEventException;
import de.participation.kafka.MeetingEventJson;
import de.participation.kafka.Topics;
import de.participation.query.kafka.ConsumerLoop;
import de.participation.query.kafka.ProjectionOffsets;
import de.participation.query.kafka.QueryKafkaClients;
import de.participation.query.kafka.SkippedRecords;
import de.participation.query.kafka.StoreBoundOffsets;
import de.participation.query.projection.StoreIdentity;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Reads the history in a consumer group of its own ({@code query-service-webhooks}) and
 * turns each event into a delivery for every subscription that wants it. It only writes the
 * deliveries, then commits the offsets; the {@link WebhookDispatcher} sends them. So a slow or
 * dead receiver delays neither the read models (another group) nor other receivers. The instance
 * that holds a partition sends its meetings' deliveries, so each queue has one sender, and
 * Kafka hands the partitions of a stopped instance to the others. In a replaced store (see
 * {@link StoreBoundOffsets}) it reads the history again from the beginning, which brings back the
 * meetings' organisations; the subscriptions of the lost store are gone with it.
 *
 * <p>It follows the projection's parking rule: it reads only what the projection has committed
 * ({@link ProjectionGate}), and holds the records of a meeting the projection parked until the
 * projection lets it go ({@link HeldMeetings}), so deliveries never go out of order.
 */
@Component
class WebhookEventConsumer extends ConsumerLoop {

    private static final Logger log = LoggerFactory.getLogger(WebhookEventConsumer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final QueryKafkaClients clients;
    private final WebhookProperties properties;
    private final Subscriptions subscriptions;
    private final Deliveries deliveries;
    private final MeetingOrganisations organisations;
    private final StoreIdentity store;
    private final WebhookDispatcher dispatcher;
    private final HeldMeetings held;
    private final SkippedRecords skippedRecords;
    private final ProjectionGate gate;
    private final Clock clock;

    WebhookEventConsumer(QueryKafkaClients clients, WebhookProperties properties, Subscriptions subscriptions,
                         Deliveries deliveries, MeetingOrganisations organisations, StoreIdentity store,
                         WebhookDispatcher dispatcher, HeldMeetings held, SkippedRecords skippedRecords,
                         ProjectionOffsets projectionOffsets, Clock clock) {
        super("webhook-event-consumer");
        this.clients = clients;
        this.properties = properties;
        this.subscriptions = subscriptions;
        this.deliveries = deliveries;
        this.organisations = organisations;
        this.store = store;
        this.dispatcher = dispatcher;
        this.held = held;
        this.skippedRecords = skippedRecords;
        this.gate = new ProjectionGate(projectionOffsets);
        this.clock = clock;
    }

    @Override
    protected Map<String, Object> consumerConfig() {
        return clients.groupConsumer(properties.groupId().isBlank()
                ? clients.groupId() + "-webhooks" : properties.groupId());
    }

    @Override
    protected void consume(KafkaConsumer<String, String> kafka) {
        String storeId = store.id();
        clients.prepareTopics();
        deliveries.createIndexes();
        Set<String> skipped = skippedRecords.positions();
        kafka.subscribe(List.of(Topics.MEETING_EVENTS), new Partitions(kafka));
        while (running()) {
            ConsumerRecords<String, String> records = kafka.poll(POLL_TIMEOUT);
            if (!store.stillIs(storeId)) {
                throw new IllegalStateException("The MongoDB store was replaced; reading the history into it again");
            }
            if (!records.isEmpty() && !subscriptions.exist()) {
                deliver(asList(records)); // nobody to deliver to: only the meetings' organisations are kept
                commitDone(kafka, StoreBoundOffsets.after(records, storeId));
            } else if (!records.isEmpty()) {
                List<ConsumerRecord<String, String>> ready = behindTheProjection(records, kafka, storeId);
                if (!ready.isEmpty()) {
                    deliver(held.sift(ready, skipped));
                    commitDone(kafka, StoreBoundOffsets.after(ready, storeId));
                }
            }
            held.release(kafka.assignment().stream().map(TopicPartition::partition).toList(), this::deliver);
        }
    }

    private List<ConsumerRecord<String, String>> behindTheProjection(ConsumerRecords<String, String> records,
                                                                    KafkaConsumer<String, String> kafka, String storeId) {
        try {
            return gate.behindTheProjection(records, kafka, storeId);
        } catch (ExecutionException | TimeoutException unanswered) {
            throw new IllegalStateException("Cannot tell where the projection stands", unanswered);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while asking where the projection stands", interrupted);
        }
    }

    private static List<ConsumerRecord<String, String>> asList(ConsumerRecords<String, String> records) {
        List<ConsumerRecord<String, String>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    private void deliver(List<ConsumerRecord<String, String>> records) {
        List<Delivery> due = deliveriesOf(records);
        deliveries.add(due);
        if (!due.isEmpty()) {
            dispatcher.newDeliveries();
        }
    }

    /**
     * Reads only each record's type: most events are read whole only if a subscription wants them,
     * so that webhooks cost the projection's machine next to nothing while nobody subscribes. The
     * subscriptions are read once per batch that holds an event someone may subscribe to.
     */
    private List<Delivery> deliveriesOf(List<ConsumerRecord<String, String>> records) {
        Map<UUID, String> scheduled = new HashMap<>();
        List<Delivery> due = new ArrayList<>();
        List<Subscription> subscribed = null;
        Instant now = clock.instant();
        for (ConsumerRecord<String, String> record : records) {
            String json = record.value() == null ? "" : record.value();
            Optional<Class<? extends MeetingEvent>> type = MeetingEventJson.classOf(json);
            if (type.isEmpty()) {
                continue; // unreadable: the projection parked it, and its meeting's later records are held
            }
            if (type.get() == MeetingScheduled.class) {
                read(record).ifPresent(event -> scheduled.put(event.data().meetingId(),
                        ((MeetingScheduled) event.data()).organisation()));
                continue;
            }
            Optional<String> name = WebhookEventNames.nameOf(type.get());
            if (name.isEmpty()) {
                continue;
            }
            subscribed = subscribed == null ? subscriptions.all() : subscribed;
            List<Subscription> wanting = subscribed.stream()
                    .filter(subscription -> subscription.events().contains(name.get())).toList();
            Optional<MeetingEventEnvelope> read = wanting.isEmpty() ? Optional.empty() : read(record);
            if (read.isEmpty()) {
                continue;
            }
            MeetingEventEnvelope event = read.get();
            UUID meetingId = event.data().meetingId();
            String organisation = scheduled.containsKey(meetingId) ? scheduled.get(meetingId)
                    : organisations.of(meetingId).orElse(null);
            String body = MeetingEventJson.write(event);
            wanting.stream().filter(subscription -> subscription.wants(event, name.get(), organisation))
                    .forEach(subscription -> due.add(Delivery.of(subscription, event, name.get(), record.partition(),
                            body, now)));
        }
        organisations.remember(scheduled);
        return due;
    }

    /** The event as the current schema says; unreadable events are the projection's to dead-letter. */
    private static Optional<MeetingEventEnvelope> read(ConsumerRecord<String, String> record) {
        try {
            return Optional.of(MeetingEventJson.read(record.value()));
        } catch (UnreadableEventException unreadable) {
            log.debug("Not delivering unreadable record {}-{}@{}", record.topic(), record.partition(), record.offset());
            return Optional.empty();
        }
    }

    /** Tells the dispatcher which partitions' deliveries are this instance's to send. */
    private final class Partitions implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, String> kafka;

        Partitions(KafkaConsumer<String, String> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            StoreBoundOffsets.restartIfCommittedForAnotherStore(kafka, partitions, store);
            dispatcher.own(ownedWithout(List.of()));
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            dispatcher.own(ownedWithout(partitions));
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            dispatcher.own(ownedWithout(partitions));
        }

        private List<Integer> ownedWithout(Collection<TopicPartition> leaving) {
            return kafka.assignment().stream().filter(partition -> !leaving.contains(partition))
                    .map(TopicPartition::partition).toList();
        }
    }

    @Override
    protected void failed(RuntimeException failure) {
        dispatcher.own(List.of());
        log.warn("Webhook consumer interrupted, resuming from the committed offsets: {}", failure.toString());
    }
}
