package de.participation.command.offers;

import de.participation.command.EventMetadata;
import de.participation.command.meeting.ExpireOffer;
import de.participation.command.writing.MeetingWriters;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends {@link ExpireOffer} for every offer whose deadline is due, through the meetings' writers
 * like any command, and forgets the deadline once the meeting has decided. Every instance runs one:
 * the Meeting is the arbiter (an offer expires only if it is still open and its deadline has
 * passed), so a deadline sent by two instances, or again after a restart, expires the offer exactly
 * once, and a command that reaches the meeting before the deadline's does so on its own terms.
 * A deadline whose command fails (the database away) stays and is sent again at the next check.
 */
@Component
class OfferDeadlineScheduler implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OfferDeadlineScheduler.class);
    private static final int BATCH = 500;
    private static final MetaData ISSUED_BY_DEADLINE = MetaData.from(Map.of(EventMetadata.ISSUED_BY, "offer-deadline"));

    private final JdbcOfferDeadlines deadlines;
    private final MeetingWriters writers;
    private final Duration checkEvery;
    private ScheduledExecutorService executor;

    OfferDeadlineScheduler(JdbcOfferDeadlines deadlines, MeetingWriters writers,
                           @Value("${participation.offers.check-every:1s}") Duration checkEvery) {
        this.deadlines = deadlines;
        this.writers = writers;
        this.checkEvery = checkEvery;
    }

    /**
     * Sends the commands for the deadlines due now (by the clock the meetings decide with) and
     * waits for the meetings' decisions.
     */
    void expireDue() {
        List<JdbcOfferDeadlines.Due> due = deadlines.dueAt(GenericEventMessage.clock.instant(), BATCH);
        List<CompletableFuture<Void>> decided = due.stream().map(this::expire).toList();
        CompletableFuture.allOf(decided.toArray(CompletableFuture[]::new)).join();
    }

    private CompletableFuture<Void> expire(JdbcOfferDeadlines.Due due) {
        MetaData metaData = ISSUED_BY_DEADLINE.and(EventMetadata.CORRELATION_ID, UUID.randomUUID().toString());
        CompletableFuture<CommandResultMessage<?>> answer;
        try {
            answer = writers.submit(GenericCommandMessage.asCommandMessage(
                    new ExpireOffer(due.meetingId(), due.registrationId())).andMetaData(metaData));
        } catch (MeetingWriters.MeetingBusyException busy) {
            return CompletableFuture.completedFuture(null); // again at the next check
        }
        return answer.thenAccept(result -> {
            if (result.isExceptional()) {
                log.warn("The offer deadline of registration {} could not be decided yet: {}", due.registrationId(),
                        result.exceptionResult().toString());
            } else {
                deadlines.done(due);
            }
        }).exceptionally(failure -> {
            log.warn("The offer deadline of registration {} could not be decided yet: {}", due.registrationId(),
                    failure.toString());
            return null;
        });
    }

    private void check() {
        try {
            expireDue();
        } catch (RuntimeException failure) {
            log.warn("Checking the offers' deadlines failed; trying again in {}: {}", checkEvery, failure.toString());
        }
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("offer-deadlines").daemon()
                .factory());
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
