package de.participation.command.writing;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;

import java.util.concurrent.CompletableFuture;

/**
 * A command waiting in its meeting's queue, and the answer its caller waits for. The answer is
 * given only after the batch that decided the command has committed.
 */
record PendingCommand(CommandMessage<?> message, CompletableFuture<CommandResultMessage<?>> answer) {

    PendingCommand(CommandMessage<?> message) {
        this(message, new CompletableFuture<>());
    }

    /** The caller stopped waiting before the command was taken into a batch: it is not carried out. */
    boolean abandoned() {
        return answer.isDone();
    }
}
