package de.participation.load;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

/**
 * An open-loop load: request i is due at {@code start + i / rate}, whatever happened to the ones
 * before, and its latency counts from that time, not from when it was sent. A stalled service
 * therefore shows as the long waits its users would see (no coordinated omission), which a
 * closed-loop client such as wrk hides at a fixed rate. It speaks HTTP/1.1 over a pool of kept-alive
 * sockets, as wrk does, because a full HTTP client library cost as much CPU per request as the
 * service it measured, on the same two cores.
 */
final class FixedRateClient {

    /** @param answeredAt when each registration answered 201 arrived (epoch milliseconds), by registration id */
    record Result(double offeredPerSecond, double answeredPerSecond, Latencies latencies, long created, long busy,
                  long other, Map<String, Long> answeredAt) {
    }

    private record Due(long dueNanos, String registrationId, byte[] request) {
    }

    private static final Due END = new Due(0, null, null);

    private final URI base;
    private final String token;
    private final int connections;

    FixedRateClient(String baseUrl, String token, int connections) {
        this.base = URI.create(baseUrl);
        this.token = token;
        this.connections = connections;
    }

    Result register(List<String> meetings, int perSecond, Duration duration, String run) throws InterruptedException {
        int total = (int) (perSecond * duration.toSeconds());
        Latencies latencies = new Latencies(total);
        AtomicLong created = new AtomicLong();
        AtomicLong busy = new AtomicLong();
        AtomicLong other = new AtomicLong();
        Map<String, Long> answeredAt = new ConcurrentHashMap<>();
        BlockingQueue<Due> due = new LinkedBlockingQueue<>();
        List<Thread> senders = IntStream.range(0, connections)
                .mapToObj(i -> Thread.ofVirtual().start(() -> send(due, latencies, created, busy, other, answeredAt)))
                .toList();
        long periodNanos = TimeUnit.SECONDS.toNanos(1) / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long dueNanos = start + i * periodNanos;
            LockSupport.parkNanos(dueNanos - System.nanoTime());
            String registrationId = UUID.randomUUID().toString();
            due.add(new Due(dueNanos, registrationId, request(meetings.get(i % meetings.size()), registrationId, run, i)));
        }
        senders.forEach(sender -> due.add(END));
        for (Thread sender : senders) {
            sender.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(perSecond, total / seconds, latencies, created.get(), busy.get(), other.get(), answeredAt);
    }

    private void send(BlockingQueue<Due> queue, Latencies latencies, AtomicLong created, AtomicLong busy,
                      AtomicLong other, Map<String, Long> answeredAt) {
        Connection connection = null;
        try {
            for (Due next = queue.take(); next != END; next = queue.take()) {
                int status;
                try {
                    if (connection == null) {
                        connection = new Connection(base);
                    }
                    status = connection.exchange(next.request());
                    if (connection.closedByServer()) {
                        connection.close();
                        connection = null;
                    }
                } catch (IOException failed) {
                    status = -1;
                    if (connection != null) {
                        connection.close();
                        connection = null;
                    }
                }
                latencies.record(System.nanoTime() - next.dueNanos());
                if (status == 201) {
                    created.incrementAndGet();
                    answeredAt.put(next.registrationId(), System.currentTimeMillis());
                } else {
                    (status == 503 ? busy : other).incrementAndGet();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private byte[] request(String meeting, String registrationId, String run, int number) {
        String body = """
                {"registrationId":"%s","participant":{"name":"Teilnehmer %d","email":"f%s-%d@example.org"}}"""
                .formatted(registrationId, number, run, number);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return ("POST /api/v1/meetings/" + meeting + "/registrations HTTP/1.1\r\nHost: " + base.getHost() + ":"
                + base.getPort() + "\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    /** A kept-alive HTTP/1.1 connection that sends one request at a time and reads the whole answer. */
    private static final class Connection {

        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private boolean closedByServer;

        Connection(URI base) throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setTcpNoDelay(true);
            in = new BufferedInputStream(socket.getInputStream());
            out = socket.getOutputStream();
        }

        /** @return the answer's status */
        int exchange(byte[] request) throws IOException {
            out.write(request);
            out.flush();
            int status = Integer.parseInt(line().split(" ")[1]);
            long length = 0;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Long.parseLong(lower.substring("content-length:".length()).trim());
                } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                    chunked = true;
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    // Tomcat closes a kept-alive connection after 100 requests, as wrk knows too
                    closedByServer = true;
                }
            }
            if (chunked) {
                for (long size = chunkSize(); size > 0; size = chunkSize()) {
                    in.readNBytes((int) size);
                    line();
                }
                line();
            } else {
                in.readNBytes((int) length);
            }
            return status;
        }

        boolean closedByServer() {
            return closedByServer;
        }

        private long chunkSize() throws IOException {
            return Long.parseLong(line().trim(), 16);
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder();
            for (int next = in.read(); next != '\n'; next = in.read()) {
                if (next < 0) {
                    throw new IOException("Connection closed");
                }
                if (next != '\r') {
                    line.append((char) next);
                }
            }
            return line.toString();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing after a failure or at the end: nothing left to do
            }
        }
    }
}
