package de.participation.command.writing;

import de.participation.command.writing.MeetingWriters.MeetingBusyException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.axonframework.commandhandling.GenericCommandMessage.asCommandMessage;

/** When the service stops, the writers finish the commands already queued, and take no new ones. */
class MeetingWritersStopTest {

    /** A command of one meeting, named by it as the service's commands are. */
    private record Knock(@TargetAggregateIdentifier String meetingId) {
    }

    @Test
    void aStopWaitsUntilTheQueuedCommandIsDecidedAndRefusesNewCommands() throws Exception {
        CountDownLatch decide = new CountDownLatch(1);
        SimpleCommandBus commandBus = SimpleCommandBus.builder().build();
        commandBus.subscribe(Knock.class.getName(), command -> {
            decide.await();
            return "decided";
        });
        // a batch of one needs no connection of its own: no database here
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        MeetingWriters writers = new MeetingWriters(new GroupCommit(commandBus, NoTransactionManager.INSTANCE, null, 1,
                ObservationRegistry.NOOP, meters), new WriterSettings(10, 1, 1, 1), Tracer.NOOP, meters);
        CompletableFuture<CommandResultMessage<?>> queued = writers.submit(asCommandMessage(new Knock("meeting-1")));

        AtomicBoolean drained = new AtomicBoolean();
        Thread stop = Thread.ofPlatform().start(() -> drained.set(writers.stopAndDrain(Duration.ofSeconds(30))));
        await().atMost(Duration.ofSeconds(10)).until(() -> stop.getState() == Thread.State.TIMED_WAITING);
        assertThat(queued).isNotDone();
        assertThatThrownBy(() -> writers.submit(asCommandMessage(new Knock("meeting-2"))))
                .isInstanceOf(MeetingBusyException.class);

        decide.countDown();
        stop.join(Duration.ofSeconds(10));
        assertThat(drained).isTrue();
        assertThat(queued).isCompletedWithValueMatching(answer -> "decided".equals(answer.getPayload()));
    }
}
