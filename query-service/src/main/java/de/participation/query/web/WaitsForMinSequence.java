package de.participation.query.web;

import de.participation.web.openapi.Refusal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the operations that take {@code ?minSequence=}, for the API description: {@link ReadYourWrites}
 * waits until the meeting's event is projected, and gives up after its longest wait.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Refusal(status = 504, codes = "NOT_YET_PROJECTED", when = "the meeting's event `minSequence` was not projected "
        + "within 5 s")
public @interface WaitsForMinSequence {
}
