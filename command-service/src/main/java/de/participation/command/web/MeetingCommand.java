package de.participation.command.web;

import de.participation.web.openapi.Refusal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an operation that sends a command through its meeting's writer ({@link CommandDispatcher}), for
 * the API description: such a command waits in the meeting's queue, and is refused when it could
 * not be admitted in time.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Refusal(status = 503, codes = "BUSY", when = "more commands waiting for the meeting than can be admitted within 5 s")
@interface MeetingCommand {
}
