package de.participation.command.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that sends a command, and names the command for the metric
 * {@code participation.commands} (its tag {@code type}): a fixed name per endpoint, so that the
 * tag's values are the bounded set of these annotations, never anything taken from the request.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@interface CommandType {

    String value();
}
