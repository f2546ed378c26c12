package de.participation.query.webhooks;

import de.participation.query.webhooks.Delivery.Attempt;
import de.participation.query.webhooks.TargetGuard.RefusedAddress;
import de.participation.query.webhooks.WebhookMetrics.Outcome;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One attempt to deliver: a signed {@code POST} of the event (Standard Webhooks headers), answered
 * within {@code participation.webhooks.timeout}, one deadline for the whole exchange, the answer's
 * body included ({@link ExchangeDeadline}). The HTTP client resolves the receiver's name through
 * the {@link TargetGuard} and connects to the very addresses it checked, while the {@code Host}
 * header, TLS's server name and the certificate check keep the name of the URL. Redirects are not
 * followed (they could lead to an address the guard refuses), nothing is retried by the client
 * (the dispatcher retries). Of the answer, a few bytes are kept for the delivery log; a longer
 * body is not read on, its connection is dropped.
 */
@Component
class WebhookSender implements AutoCloseable {

    private static final int ANSWER_BYTES = 200;

    private final TargetGuard guard;
    private final WebhookSecrets secrets;
    private final Duration timeout;
    private final Clock clock;
    private final WebhookMetrics metrics;
    private final CloseableHttpClient client;
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("webhook-deadlines").daemon().factory());

    WebhookSender(TargetGuard guard, WebhookSecrets secrets, WebhookProperties properties, Clock clock,
                  WebhookMetrics metrics) {
        this.guard = guard;
        this.secrets = secrets;
        this.timeout = properties.timeout();
        this.clock = clock;
        this.metrics = metrics;
        Timeout bound = Timeout.of(timeout);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard.resolver())
                        .setTlsSocketStrategy(DefaultClientTlsStrategy.createSystemDefault())
                        .setMaxConnTotal(properties.concurrency())
                        .setMaxConnPerRoute(properties.concurrency())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(bound).setSocketTimeout(bound).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(bound).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("participation-webhooks/1")
                .build();
    }

    Attempt send(Subscription subscription, Delivery delivery) {
        Instant at = clock.instant();
        URI url = URI.create(subscription.url());
        Optional<String> refusal = guard.refusalOfForm(url);
        if (refusal.isPresent()) {
            return notSent(at, refusal.get());
        }
        long timestamp = at.getEpochSecond();
        String webhookId = delivery.id().toString();
        HttpPost request = new HttpPost(url);
        request.setHeader("webhook-id", webhookId);
        request.setHeader("webhook-timestamp", Long.toString(timestamp));
        request.setHeader("webhook-signature", secrets.signatureHeader(subscription, webhookId, timestamp, delivery.body()));
        request.setEntity(new ByteArrayEntity(delivery.body().getBytes(StandardCharsets.UTF_8),
                ContentType.create("application/json")));
        long started = System.nanoTime();
        try (ExchangeDeadline deadline = new ExchangeDeadline(request, timeout, deadlines)) {
            try {
                ClassicHttpResponse response = client.executeOpen(null, request, null);
                String answer = answerOf(response, request);
                Attempt attempt = new Attempt(at, response.getCode(), "HTTP " + response.getCode() + answer,
                        elapsedMillis(started));
                metrics.attempted(attempt.succeeded() ? Outcome.DELIVERED : Outcome.ERROR_STATUS,
                        System.nanoTime() - started);
                return attempt;
            } catch (RefusedAddress refused) {
                return notSent(at, refused.getMessage());
            } catch (UnknownHostException unknown) {
                return notSent(at, TargetGuard.UNRESOLVABLE);
            } catch (IOException failed) {
                request.cancel(); // whatever broke, the connection is not used again
                metrics.attempted(timedOut(failed, deadline) ? Outcome.TIMEOUT : Outcome.CONNECTION_FAILED,
                        System.nanoTime() - started);
                return new Attempt(at, null, whyNot(failed, deadline), elapsedMillis(started));
            }
        }
    }

    private static boolean timedOut(IOException failed, ExchangeDeadline deadline) {
        return deadline.passed() || failed instanceof InterruptedIOException;
    }

    private String whyNot(IOException failed, ExchangeDeadline deadline) {
        if (timedOut(failed, deadline)) {
            return "no complete answer within " + timeout.toMillis() + " ms";
        }
        if (Thread.currentThread().isInterrupted()) {
            return "interrupted: the service was stopping";
        }
        return failed instanceof ConnectException ? "could not connect" : "failed: " + failed.getClass().getSimpleName();
    }

    /**
     * The start of the answer's body, for the log. A longer body is not read on, nor drained for
     * the connection's reuse: the exchange is cancelled, which drops the connection. A short one
     * was read to its end, and its connection goes back to the pool.
     */
    private static String answerOf(ClassicHttpResponse response, HttpPost request) throws IOException {
        HttpEntity entity = response.getEntity();
        byte[] start = entity == null ? new byte[0] : entity.getContent().readNBytes(ANSWER_BYTES + 1);
        if (start.length > ANSWER_BYTES) {
            request.cancel();
        } else {
            response.close();
        }
        String text = new String(start, 0, Math.min(start.length, ANSWER_BYTES), StandardCharsets.UTF_8).strip();
        return text.isEmpty() ? "" : ": " + text;
    }

    private Attempt notSent(Instant at, String refusal) {
        metrics.refused();
        return new Attempt(at, null, "not sent: the URL " + refusal, 0);
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    @Override
    public void close() {
        deadlines.shutdownNow();
        client.close(CloseMode.IMMEDIATE);
    }
}
