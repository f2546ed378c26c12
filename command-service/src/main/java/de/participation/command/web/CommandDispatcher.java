package de.participation.command.web;

import de.participation.command.meeting.MeetingRuleViolation;
import de.participation.command.writing.MeetingWriters;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends a command with its origin to its meeting's writer and gives back the answer: the handler's
 * result or its rule violation, once the command is committed. A caller waits at most
 * {@code participation.commands.max-wait}; a meeting whose queue is full, or that cannot decide the
 * command within that time, is answered 503 (BUSY) with Retry-After. A command still waiting in the
 * queue when its caller gives up is dropped; one already being committed is not, and a retry with
 * the same registration id then finds it (commands are idempotent).
 */
@Component
class CommandDispatcher {

    private final MeetingWriters writers;
    private final RequestTrace requestTrace;
    private final Duration maxWait;

    CommandDispatcher(MeetingWriters writers, RequestTrace requestTrace,
                      @Value("${participation.commands.max-wait:5s}") Duration maxWait) {
        this.writers = writers;
        this.requestTrace = requestTrace;
        this.maxWait = maxWait;
    }

    @SuppressWarnings("unchecked")
    <R> R dispatch(Object command, RequestOrigin origin) throws MeetingRuleViolation {
        CommandResultMessage<?> answer = await(writers.submit(
                GenericCommandMessage.asCommandMessage(command).andMetaData(origin.asMetaData())
                        .andMetaData(requestTrace.asMetaData())));
        if (answer.isExceptional()) {
            Throwable failure = answer.exceptionResult();
            if (failure instanceof MeetingRuleViolation violation) {
                throw violation;
            }
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
        return (R) answer.getPayload();
    }

    private CommandResultMessage<?> await(CompletableFuture<CommandResultMessage<?>> answer) {
        try {
            return answer.get(maxWait.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            answer.cancel(false);
            throw new OverloadedException();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answer.cancel(false);
            throw new OverloadedException();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
    }

    /** More commands are waiting than can be taken within the bound: 503, try again shortly. */
    static class OverloadedException extends RuntimeException {
        OverloadedException() {
            super("Too many commands are waiting; retry shortly", null, false, false);
        }
    }
}
