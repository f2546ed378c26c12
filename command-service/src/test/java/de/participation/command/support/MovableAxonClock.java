package de.participation.command.support;

import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Axon's clock, by which the meetings decide, standing still until the test moves it: set for each
 * test ({@code @RegisterExtension}) and restored afterwards. Services the test starts in its JVM
 * share it.
 */
public final class MovableAxonClock implements BeforeEachCallback, AfterEachCallback {

    private final MovableClock clock;
    private Clock original;

    public MovableAxonClock(Instant now) {
        this.clock = new MovableClock(now);
    }

    public Instant instant() {
        return clock.instant();
    }

    public void advance(Duration duration) {
        clock.advance(duration);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        original = GenericEventMessage.clock;
        GenericEventMessage.clock = clock;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        GenericEventMessage.clock = original;
    }
}
