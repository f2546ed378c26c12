package de.participation.command.web;

import de.participation.command.meeting.MeetingRuleViolation;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends a command with its origin and gives back the handler's answer. Within one instance,
 * Axon serialises the commands of one meeting; across instances, two may load the same version
 * and the store's unique key lets only one append. The loser is retried here on fresh state, so
 * the caller sees success or a rule violation, never the conflict.
 *
 * <p>Axon opens the command's database transaction before it takes the meeting's lock, so every
 * command waiting for a busy meeting holds a pooled connection. Admitting only a bounded number
 * of commands at a time (fewer than the pool has connections) keeps a burst on one meeting from
 * starving the commit of the command that holds the lock; the others queue here, in arrival order,
 * holding nothing, for at most {@code participation.commands.max-wait} (then 503).
 */
@Component
class CommandDispatcher {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final CommandGateway gateway;
    private final int maxAttempts;
    private final Semaphore admission;
    private final Duration maxWait;

    CommandDispatcher(CommandGateway gateway,
                      @Value("${participation.commands.max-attempts:25}") int maxAttempts,
                      @Value("${participation.commands.max-concurrent:12}") int maxConcurrent,
                      @Value("${participation.commands.max-wait:5s}") Duration maxWait) {
        this.gateway = gateway;
        this.maxAttempts = maxAttempts;
        this.admission = new Semaphore(maxConcurrent, true);
        this.maxWait = maxWait;
    }

    <R> R dispatch(Object command, RequestOrigin origin) throws MeetingRuleViolation {
        if (!admitted()) {
            throw new OverloadedException();
        }
        try {
            return dispatchWithRetries(command, origin);
        } finally {
            admission.release();
        }
    }

    /** Waits for admission in arrival order, but not without end: an overloaded service says so. */
    private boolean admitted() {
        try {
            return admission.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** More commands are waiting than can be taken within the bound: 503, try again shortly. */
    static class OverloadedException extends RuntimeException {
        OverloadedException() {
            super("Too many commands are waiting; retry shortly", null, false, false);
        }
    }

    private <R> R dispatchWithRetries(Object command, RequestOrigin origin) throws MeetingRuleViolation {
        for (int attempt = 1; ; attempt++) {
            try {
                return gateway.<R>send(GenericCommandMessage.asCommandMessage(command)
                        .andMetaData(origin.asMetaData())).join();
            } catch (CompletionException failure) {
                Throwable cause = failure.getCause();
                if (cause instanceof MeetingRuleViolation violation) {
                    throw violation;
                }
                if (!isWriteConflict(cause) || attempt >= maxAttempts) {
                    throw cause instanceof RuntimeException runtime ? runtime : failure;
                }
                log.debug("Write conflict on {} (attempt {}), retrying", command.getClass().getSimpleName(), attempt);
                backOff(attempt);
            }
        }
    }

    private static boolean isWriteConflict(Throwable failure) {
        return failure instanceof ConcurrencyException || failure instanceof AggregateStreamCreationException;
    }

    /** Jittered and growing, so that instances that collided do not collide again in lockstep. */
    private static void backOff(int attempt) {
        long maxMicros = Math.min(50_000, 500L << Math.min(attempt, 7));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxMicros) * 1_000);
    }
}
