package de.participation.web.stopping;

import de.participation.web.ProblemResponseSupport;
import de.participation.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.context.WebServerGracefulShutdownLifecycle;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The service's notice that it stops, before Tomcat's graceful shutdown. Tomcat pauses its
 * connector then, and drops a request arriving on a kept-alive connection after that unread, with
 * no answer at all: its client cannot tell whether its command took effect. So, from the stop on,
 * each new request is answered at once with 503 {@code SERVICE_UNAVAILABLE}, {@code Retry-After}
 * and {@code Connection: close} (the client or balancer sends it again, to another instance), and
 * the requests under way finish normally. The notice lasts until no request has arrived for
 * {@value #QUIET_MILLIS} ms, at most {@code participation.http.stop-notice}; by then the clients
 * have closed their connections, and one that connects later finds the port closed: nothing sent.
 * Each service imports it.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public class StoppingNotice extends OncePerRequestFilter implements SmartLifecycle {

    /** Before the web server's graceful shutdown. */
    static final int PHASE = WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 512;
    private static final long QUIET_MILLIS = 200;
    private static final Duration LOOK_EVERY = Duration.ofMillis(20);

    private final Duration longest;
    private volatile boolean running;
    private volatile boolean stopping;
    private volatile long lastArrivalNanos;

    public StoppingNotice(@Value("${participation.http.stop-notice:1s}") Duration longest) {
        this.longest = longest;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!stopping) {
            chain.doFilter(request, response);
            return;
        }
        lastArrivalNanos = System.nanoTime();
        response.setHeader(HttpHeaders.RETRY_AFTER, "1");
        response.setHeader(HttpHeaders.CONNECTION, "close");
        ProblemWriter.write(response, HttpStatus.SERVICE_UNAVAILABLE,
                ProblemResponseSupport.codeFor(HttpStatus.SERVICE_UNAVAILABLE),
                "This instance is stopping; send the request again");
    }

    @Override
    public void start() {
        stopping = false;
        running = true;
    }

    @Override
    public void stop() {
        long started = System.nanoTime();
        lastArrivalNanos = started;
        stopping = true;
        running = false;
        long quiet = Duration.ofMillis(QUIET_MILLIS).toNanos();
        while (System.nanoTime() - lastArrivalNanos < quiet && System.nanoTime() - started < longest.toNanos()) {
            LockSupport.parkNanos(LOOK_EVERY.toNanos());
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
