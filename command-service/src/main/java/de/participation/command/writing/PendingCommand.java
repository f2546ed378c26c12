package de.participation.command.writing;

import io.micrometer.tracing.TraceContext;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;

import java.util.concurrent.CompletableFuture;

/**
 * A command waiting in its meeting's queue, and the answer its caller waits for. The answer is
 * given only after the batch that decided the command has committed. {@code requestTrace} is the
 * trace of the request that sent it (null if none), which the batch's span links to.
 */
record PendingCommand(CommandMessage<?> message, CompletableFuture<CommandResultMessage<?>> answer,
                      TraceContext requestTrace) {

    PendingCommand(CommandMessage<?> message, TraceContext requestTrace) {
        this(message, new CompletableFuture<>(), requestTrace);
    }

    /** The caller stopped waiting before the command was taken into a batch: it is not carried out. */
    boolean abandoned() {
        return answer.isDone();
    }
}
