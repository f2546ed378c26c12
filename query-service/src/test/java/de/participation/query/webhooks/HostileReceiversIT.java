package de.participation.query.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.JsonHttp.Response;
import de.participation.query.QueryServiceApplication;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestMongo;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Receivers that try to turn the deliveries against the service, each a receiver of our own on
 * loopback. These tests alone allow {@code 127.0.0.1/32}, so that {@code 127.0.0.2} stands for
 * the service's own infrastructure: a name that rebinds to it after it was checked, a receiver
 * that trickles its answer or sends one without end, and slow receivers that would hold every
 * delivery of the instance.
 */
class HostileReceiversIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The default: long enough that a healthy receiver would wait for slow ones, if it had to. */
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    /** Two attempts, then failed. */
    private static final String RETRY_DELAYS = "1s";
    /** How late a healthy subscriber's delivery may arrive after its event was published. */
    private static final Duration ON_TIME = Duration.ofSeconds(5);
    private static final RebindingNames NAMES = new RebindingNames();

    private static QueryServiceInfrastructure infrastructure;
    private static ConfigurableApplicationContext service;
    private static JsonHttp operator;

    @BeforeAll
    static void start() {
        infrastructure = QueryServiceInfrastructure.start();
        List<String> arguments = new ArrayList<>(infrastructure.arguments(TestMongo.freshDatabaseName()));
        arguments.addAll(List.of("--server.port=0", "--participation.kafka.group-id=query-" + UUID.randomUUID(),
                "--participation.webhooks.allowed-targets=127.0.0.1/32",
                "--participation.webhooks.timeout=" + DEADLINE.toMillis() + "ms",
                "--participation.webhooks.retry-delays=" + RETRY_DELAYS, "--participation.webhooks.check-every=100ms"));
        service = new SpringApplicationBuilder(QueryServiceApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("rebindingNames", NAMES))
                .run(arguments.toArray(String[]::new));
        operator = new JsonHttp(((WebServerApplicationContext) service).getWebServer().getPort())
                .withBearer(TestTokens.withRole(Roles.OPERATOR));
    }

    @AfterAll
    static void stop() {
        service.close();
        infrastructure.close();
    }

    @Test
    void aNameThatRebindsToAForbiddenAddressAfterItsCheckNeverReachesThatAddress() {
        try (LoopbackReceiver allowed = LoopbackReceiver.answering("127.0.0.1", 0);
             LoopbackReceiver forbidden = LoopbackReceiver.answering("127.0.0.2", allowed.port())) {
            Response created = subscribe(allowed.url(RebindingNames.HOST, "/rebinding"));
            try {
                publishOneRegistration();

                await().atMost(PATIENCE).until(() -> "DELIVERED".equals(delivery(created).path("status").asText()));
                assertThat(forbidden.received()).as("requests that reached 127.0.0.2").isEmpty();
                assertThat(delivery(created).path("attempts")).extracting(attempt -> attempt.path("answer").asText())
                        .as("refused when the name answered 127.0.0.2, sent when it answered 127.0.0.1")
                        .containsExactly("not sent: the URL must not point at a loopback, link-local, private or"
                                + " reserved address (127.0.0.2)", "HTTP 204");
                assertThat(allowed.received()).singleElement().extracting(LoopbackReceiver.Request::host)
                        .as("the Host header names the name, not the address")
                        .isEqualTo(RebindingNames.HOST + ":" + allowed.port());
            } finally {
                unsubscribe(created);
            }
        }
    }

    @Test
    void aReceiverThatTricklesItsAnswerLosesEachAttemptAtTheDeadlineUntilTheDeliveryFails() {
        try (LoopbackReceiver trickling = LoopbackReceiver.trickling("127.0.0.1", 0)) {
            Response created = subscribe(trickling.url("127.0.0.1", "/trickling"));
            try {
                publishOneRegistration();

                await().atMost(PATIENCE).until(() -> "FAILED".equals(delivery(created).path("status").asText()));
                JsonNode attempts = delivery(created).path("attempts");
                assertThat(attempts).as("the first attempt and one after the retry delay").hasSize(2)
                        .allSatisfy(attempt -> {
                            assertThat(attempt.path("status").isNull()).isTrue();
                            assertThat(attempt.path("answer").asText())
                                    .isEqualTo("no complete answer within " + DEADLINE.toMillis() + " ms");
                            assertThat(attempt.path("durationMillis").asLong()).as("ended at the deadline")
                                    .isBetween(DEADLINE.toMillis(), DEADLINE.toMillis() + 1500);
                        });
                assertThat(trickling.received()).as("each attempt reached the receiver").hasSize(2);
                await("the connections dropped").atMost(PATIENCE).until(() -> trickling.hungUp() == 2);
            } finally {
                unsubscribe(created);
            }
        }
    }

    @Test
    void anEndlessAnswerIsReadOnlyForItsFirstBytesAndItsConnectionDropped() {
        try (LoopbackReceiver flooding = LoopbackReceiver.flooding("127.0.0.1", 0)) {
            Response created = subscribe(flooding.url("127.0.0.1", "/flooding"));
            try {
                publishOneRegistration();

                await().atMost(PATIENCE).until(() -> "DELIVERED".equals(delivery(created).path("status").asText()));
                JsonNode attempt = delivery(created).path("attempts").get(0);
                assertThat(attempt.path("answer").asText()).isEqualTo("HTTP 200: " + ".".repeat(200));
                assertThat(attempt.path("durationMillis").asLong()).as("not read on until the deadline")
                        .isLessThan(DEADLINE.toMillis() / 2);
                await("the connection dropped").atMost(PATIENCE).until(() -> flooding.hungUp() == 1);
            } finally {
                unsubscribe(created);
            }
        }
    }

    @Test
    void twentySlowSubscribersDoNotDelayTheDeliveriesOfAHealthyOne() {
        List<LoopbackReceiver> slow = IntStream.range(0, 20).mapToObj(i -> LoopbackReceiver.trickling("127.0.0.1", 0)).toList();
        List<Response> subscriptions = new ArrayList<>();
        try (LoopbackReceiver healthy = LoopbackReceiver.answering("127.0.0.1", 0)) {
            slow.forEach(receiver -> subscriptions.add(subscribe(receiver.url("127.0.0.1", "/slow"))));
            subscriptions.add(subscribe(healthy.url("127.0.0.1", "/healthy")));
            publishOneRegistration(); // unmeasured: the first delivery may wait for the consumer to join its group
            await().atMost(PATIENCE).until(() -> healthy.received().size() == 1);
            List<Duration> latencies = new ArrayList<>();
            for (int event = 2; event <= 13; event++) {
                Instant published = publishOneRegistration();
                int expected = event;
                await("delivery " + event + " to the healthy subscriber").atMost(ON_TIME)
                        .until(() -> healthy.received().size() >= expected);
                latencies.add(Duration.between(published, healthy.received().get(expected - 1).at()));
            }
            System.out.println("A healthy subscriber's deliveries beside 20 trickling ones, after their events: " + latencies);
            assertThat(latencies).allSatisfy(latency -> assertThat(latency).isLessThan(ON_TIME));
        } finally {
            subscriptions.forEach(HostileReceiversIT::unsubscribe);
            slow.forEach(LoopbackReceiver::close);
        }
    }

    // ---- helpers ----

    /** A new meeting with one registration: one delivery to each subscriber. */
    private static Instant publishOneRegistration() {
        Histories meeting = new Histories(UUID.randomUUID()).scheduled(5).registered(UUID.randomUUID());
        Instant published = Instant.now();
        try (EventPublisher publisher = new EventPublisher(infrastructure.kafka().bootstrapServers())) {
            publisher.publish(meeting.events());
        }
        return published;
    }

    /** The subscription's only delivery (a missing node until it is written). */
    private static JsonNode delivery(Response subscription) {
        return operator.get("/api/v1/webhooks/" + subscription.body().path("webhookId").asText() + "/deliveries")
                .body().path(0);
    }

    private static void unsubscribe(Response subscription) {
        assertThat(operator.delete("/api/v1/webhooks/" + subscription.body().path("webhookId").asText()).status())
                .isEqualTo(204);
    }

    private static Response subscribe(String url) {
        try {
            Response created = operator.post("/api/v1/webhooks", JSON.writeValueAsString(Map.of("url", url,
                    "events", List.of("registration.confirmed"), "description", "Feindlicher Empfänger")));
            assertThat(created.status()).as(created.body().toString()).isEqualTo(201);
            return created;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The names as a DNS server under an attacker's control answers them: {@value #HOST} first
     * resolves to the allowed 127.0.0.1 (when subscribing), then in turn to 127.0.0.2 and 127.0.0.1.
     * Other names are resolved as usual.
     */
    static final class RebindingNames implements DnsResolver {

        static final String HOST = "receiver.rebinding.test";
        private final AtomicInteger lookups = new AtomicInteger();

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            if (!HOST.equals(host)) {
                return SystemDefaultDnsResolver.INSTANCE.resolve(host);
            }
            return InetAddress.getAllByName(lookups.getAndIncrement() % 2 == 0 ? "127.0.0.1" : "127.0.0.2");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
        }
    }
}
