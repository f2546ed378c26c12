package de.participation.command.deadlines;

import de.participation.command.EventMetadata;
import de.participation.command.writing.MeetingWriters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Sends a command for every deadline that is due, through the meetings' writers like any command,
 * and forgets the deadline once the meeting has decided. Every instance runs one: the Meeting is
 * the arbiter (it acts only if what the deadline stands for is still due), so a deadline sent by
 * two instances, or again after a restart, takes effect exactly once. A deadline whose command
 * fails (the database away) stays and is sent again at the next check.
 *
 * @param <D> a deadline as its table holds it
 */
public abstract class DeadlineScheduler<D> implements SmartLifecycle, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(DeadlineScheduler.class);
    private static final int BATCH = 500;

    private final String name;
    private final String kind;
    private final MetaData issuedBy;
    private final DueDeadlines<D> deadlines;
    private final Function<D, Object> commandFor;
    private final MeetingWriters writers;
    private final Duration checkEvery;
    private ScheduledExecutorService executor;

    /**
     * @param name       what the deadlines are, for the thread and the log
     * @param kind       what the deadlines are, as the tag {@code kind} of {@code participation.deadlines.due}
     * @param issuedBy   who the events the commands cause are recorded as issued by
     * @param commandFor the command that asks the meeting to decide a deadline
     */
    protected DeadlineScheduler(String name, String kind, String issuedBy, DueDeadlines<D> deadlines,
                                Function<D, Object> commandFor, MeetingWriters writers, Duration checkEvery) {
        this.name = name;
        this.kind = kind;
        this.issuedBy = MetaData.from(Map.of(EventMetadata.ISSUED_BY, issuedBy));
        this.deadlines = deadlines;
        this.commandFor = commandFor;
        this.writers = writers;
        this.checkEvery = checkEvery;
    }

    /**
     * Sends the commands for the deadlines due now (by the clock the meetings decide with) and
     * waits for the meetings' decisions.
     */
    public void sendDue() {
        List<D> due = deadlines.dueAt(GenericEventMessage.clock.instant(), BATCH);
        List<CompletableFuture<Void>> decided = due.stream().map(this::send).toList();
        CompletableFuture.allOf(decided.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> send(D due) {
        MetaData metaData = issuedBy.and(EventMetadata.CORRELATION_ID, UUID.randomUUID().toString());
        CompletableFuture<CommandResultMessage<?>> answer;
        try {
            answer = writers.submit(GenericCommandMessage.asCommandMessage(commandFor.apply(due)).andMetaData(metaData));
        } catch (MeetingWriters.MeetingBusyException busy) {
            return CompletableFuture.completedFuture(null); // again at the next check
        }
        return answer.thenAccept(result -> {
            if (result.isExceptional()) {
                log.warn("The {} {} could not be decided yet: {}", name, due, result.exceptionResult().toString());
            } else {
                deadlines.done(due);
            }
        }).exceptionally(failure -> {
            log.warn("The {} {} could not be decided yet: {}", name, due, failure.toString());
            return null;
        });
    }

    /** {@code participation.deadlines.due}: deadlines due by the meetings' clock that no meeting has decided yet. */
    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("participation.deadlines.due", deadlines,
                        table -> table.countDueAt(GenericEventMessage.clock.instant()))
                .description("Deadlines due but not yet decided by their meeting")
                .tag("kind", kind)
                .register(registry);
    }

    private void check() {
        try {
            sendDue();
        } catch (RuntimeException failure) {
            log.warn("Checking the {} failed; trying again in {}: {}", name, checkEvery, failure.toString());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name.replace(' ', '-'))
                .daemon().factory());
        executor.scheduleWithFixedDelay(this::check, checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }
}
