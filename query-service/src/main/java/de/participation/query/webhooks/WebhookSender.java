package de.participation.query.webhooks;

import de.participation.query.webhooks.Delivery.Attempt;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt to deliver: a signed {@code POST} of the event (Standard Webhooks headers), answered
 * by a status within {@code participation.webhooks.timeout}. Redirects are not followed (they
 * could lead to an address the guard refuses). What came back is kept short for the delivery log.
 */
@Component
class WebhookSender {

    private static final int ANSWER_CHARACTERS = 200;

    private final TargetGuard guard;
    private final WebhookSecrets secrets;
    private final Duration timeout;
    private final Clock clock;
    private final HttpClient client;

    WebhookSender(TargetGuard guard, WebhookSecrets secrets, WebhookProperties properties, Clock clock) {
        this.guard = guard;
        this.secrets = secrets;
        this.timeout = properties.timeout();
        this.clock = clock;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    Attempt send(Subscription subscription, Delivery delivery) {
        Instant at = clock.instant();
        URI url = URI.create(subscription.url());
        Optional<String> refusal = guard.refusal(url);
        if (refusal.isPresent()) {
            return new Attempt(at, null, "not sent: the URL " + refusal.get(), 0);
        }
        long timestamp = at.getEpochSecond();
        String webhookId = delivery.id().toString();
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "participation-webhooks/1")
                .header("webhook-id", webhookId)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", secrets.signatureHeader(subscription, webhookId, timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body(), StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            return new Attempt(at, response.statusCode(), "HTTP " + response.statusCode() + answerOf(response),
                    elapsedMillis(started));
        } catch (HttpTimeoutException late) {
            return new Attempt(at, null, "no answer within " + timeout.toMillis() + " ms", elapsedMillis(started));
        } catch (ConnectException refused) {
            return new Attempt(at, null, "could not connect", elapsedMillis(started));
        } catch (IOException failed) {
            return new Attempt(at, null, "failed: " + failed.getClass().getSimpleName(), elapsedMillis(started));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new Attempt(at, null, "interrupted: the service was stopping", elapsedMillis(started));
        }
    }

    private static String answerOf(HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            String text = new String(body.readNBytes(ANSWER_CHARACTERS), StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? "" : ": " + text;
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }
}
