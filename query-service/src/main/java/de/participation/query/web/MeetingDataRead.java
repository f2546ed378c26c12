package de.participation.query.web;

import de.participation.web.openapi.Refusal;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the operations (or a controller's) that read meeting data, for the API description: the
 * {@link CatchingUpGate} refuses them while the read models catch up with the history.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Refusal(status = 503, codes = "READ_MODELS_CATCHING_UP", when = "the read models are catching up with the history "
        + "after their store was found new or replaced; with the progress, `eventsProjected` and `eventsToGo`")
public @interface MeetingDataRead {
}
