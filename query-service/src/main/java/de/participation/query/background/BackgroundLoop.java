package de.participation.query.background;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;

/**
 * Work on a thread of its own, from the application's start to its stop: {@link #work} runs until
 * {@link #running()} turns false; if it fails, it runs again after a pause. Stopping calls
 * {@link #wakeUp} and waits for the thread to end.
 */
public abstract class BackgroundLoop implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(BackgroundLoop.class);
    private static final Duration PAUSE_AFTER_FAILURE = Duration.ofSeconds(2);

    private final String name;
    private volatile boolean running;
    private Thread thread;

    protected BackgroundLoop(String name) {
        this.name = name;
    }

    /** The work, until {@link #running()} turns false (return) or something fails (throw). */
    protected abstract void work();

    /** Makes a {@link #work} that waits for input return soon; called when stopping. */
    protected void wakeUp() {
    }

    /** Called after a failure, before the pause and the next {@link #work}. */
    protected void failed(RuntimeException failure) {
        log.warn("{} interrupted, starting again: {}", name, failure.toString());
    }

    protected boolean running() {
        return running;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name(name).start(this::workUntilStopped);
    }

    @Override
    public void stop() {
        running = false;
        wakeUp();
        try {
            thread.join(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void workUntilStopped() {
        while (running) {
            try {
                work();
            } catch (RuntimeException failure) {
                if (running) {
                    failed(failure);
                    pause();
                }
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_FAILURE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
