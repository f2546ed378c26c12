package de.participation.localstack;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Who holds a port, as the stack asks before it starts a part and before it trusts one. */
class PortsTest {

    @Test
    void aHeldPortIsRefusedNamingTheProcessThatHoldsIt() throws Exception {
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = held.getLocalPort();

            assertThat(Ports.holderOf(port)).contains(ProcessHandle.current());
            assertThatIllegalStateException().isThrownBy(() -> Ports.requireFree(port, "Kafka broker"))
                    .withMessageStartingWith("Port " + port + " for the Kafka broker is in use by process "
                            + ProcessHandle.current().pid() + " (");
        }
    }

    @Test
    void aPortIsHeldByItsListenerOnlyNotByAnotherProcess() throws Exception {
        Process other = new ProcessBuilder("sleep", "60").start();
        try (ServerSocket held = new ServerSocket()) {
            held.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

            assertThat(Ports.heldBy(held.getLocalPort(), ProcessHandle.current())).isTrue();
            assertThat(Ports.heldBy(held.getLocalPort(), other.toHandle())).isFalse();
        } finally {
            other.destroyForcibly();
        }
    }

    @Test
    void aPortNobodyListensOnIsFreeAndHeldByNobody() {
        int port = Ports.free();

        assertThatNoException().isThrownBy(() -> Ports.requireFree(port, "query-service"));
        assertThat(Ports.holderOf(port)).isEmpty();
        assertThat(Ports.heldBy(port, ProcessHandle.current())).isFalse();
    }
}
