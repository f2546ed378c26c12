package de.participation.command.writing;

import org.axonframework.commandhandling.GenericCommandMessage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class MeetingQueueTest {

    private static PendingCommand command(int number) {
        return new PendingCommand(GenericCommandMessage.asCommandMessage("command " + number), null);
    }

    @Test
    void theFirstCommandStartsTheWriterAndTheNextOnesJoinItsQueue() {
        MeetingQueue queue = new MeetingQueue(10);

        assertThat(queue.offer(command(1))).isEqualTo(MeetingQueue.Offer.QUEUED_START_WRITER);
        assertThat(queue.offer(command(2))).isEqualTo(MeetingQueue.Offer.QUEUED);
    }

    @Test
    void batchesKeepArrivalOrderAndTheirMaximumSize() {
        MeetingQueue queue = new MeetingQueue(10);
        List<PendingCommand> commands = IntStream.range(0, 5).mapToObj(MeetingQueueTest::command).toList();
        commands.forEach(queue::offer);

        assertThat(queue.takeBatch(3)).containsExactlyElementsOf(commands.subList(0, 3));
        assertThat(queue.takeBatch(3)).containsExactlyElementsOf(commands.subList(3, 5));
    }

    @Test
    void itsDepthIsWhatWaitsAfterTheBatchTaken() {
        MeetingQueue queue = new MeetingQueue(10);
        IntStream.range(0, 5).mapToObj(MeetingQueueTest::command).forEach(queue::offer);
        queue.takeBatch(3);

        assertThat(queue.depth()).isEqualTo(2);
    }

    @Test
    void aFullQueueRefusesTheNextCommand() {
        MeetingQueue queue = new MeetingQueue(2);
        queue.offer(command(1));
        queue.offer(command(2));

        assertThat(queue.offer(command(3))).isEqualTo(MeetingQueue.Offer.FULL);
        queue.takeBatch(1);
        assertThat(queue.offer(command(3))).isEqualTo(MeetingQueue.Offer.QUEUED);
    }

    @Test
    void aCommandWhoseCallerGaveUpIsNotCarriedOut() {
        MeetingQueue queue = new MeetingQueue(10);
        PendingCommand abandoned = command(1);
        PendingCommand waiting = command(2);
        queue.offer(abandoned);
        queue.offer(waiting);
        abandoned.answer().cancel(false);

        assertThat(queue.takeBatch(10)).containsExactly(waiting);
    }

    @Test
    void anEmptyQueueRetiresSoThatTheNextCommandStartsAFreshWriter() {
        MeetingQueue queue = new MeetingQueue(10);
        queue.offer(command(1));
        queue.takeBatch(10);

        assertThat(queue.takeBatch(10)).isEmpty();
        assertThat(queue.offer(command(2))).isEqualTo(MeetingQueue.Offer.RETIRED);
    }
}
