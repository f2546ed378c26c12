package de.participation.command.web;

import de.participation.command.support.Api;
import de.participation.command.support.ConcurrentRequests;
import de.participation.command.support.RunningService;
import de.participation.command.support.StoredEvents;
import de.participation.command.support.TestDatabase;
import de.participation.localstack.JsonHttp.Response;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** A bot cannot hoard seats, by email or from one address; the portal itself is not throttled. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RateLimitIT {

    @DynamicPropertySource
    static void smallLimits(DynamicPropertyRegistry registry) {
        TestDatabase.register(registry);
        registry.add("participation.rate-limits.per-email.registrations", () -> "3");
        registry.add("participation.rate-limits.per-email.period", () -> "1h");
        registry.add("participation.rate-limits.per-address.registrations", () -> "5");
        registry.add("participation.rate-limits.per-address.period", () -> "1m");
    }

    @LocalServerPort
    int port;
    @Value("${spring.datasource.url}")
    String databaseUrl;
    @Autowired
    JdbcTemplate jdbc;

    private Api api;
    private UUID meetingId;

    @BeforeEach
    void setUp() {
        api = new Api(port);
        meetingId = UUID.randomUUID();
        api.scheduleMeeting(meetingId, 1000);
    }

    private Response register(String email, String... headers) {
        return register(api, email, headers);
    }

    private Response register(Api api, String email, String... headers) {
        return api.post("/api/v1/meetings/" + meetingId + "/registrations", """
                {"registrationId": "%s", "participant": {"name": "Bot", "email": "%s"}}"""
                .formatted(UUID.randomUUID(), email), headers);
    }

    @Test
    void oneEmailCannotRegisterMoreThanItsLimit() {
        String email = "hoarder-" + UUID.randomUUID() + "@example.org";
        for (int i = 0; i < 3; i++) {
            UUID other = UUID.randomUUID();
            api.scheduleMeeting(other, 10);
            assertThat(api.register(other, UUID.randomUUID(), "Bot", email).status()).isEqualTo(201);
        }
        long before = new StoredEvents(jdbc).total();

        Response limited = register(email);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body().path("code").asText()).isEqualTo("RATE_LIMITED");
        assertThat(Long.parseLong(limited.raw().headers().firstValue("Retry-After").orElseThrow())).isPositive();
        assertThat(new StoredEvents(jdbc).total()).isEqualTo(before);
    }

    @Test
    void oneEndUserAddressCannotRegisterMoreThanItsLimit() {
        String address = "203.0.113." + (int) (Math.random() * 200);
        for (int i = 0; i < 5; i++) {
            assertThat(register(UUID.randomUUID() + "@example.org", "X-End-User-Address", address).status())
                    .isEqualTo(201);
        }

        Response limited = register(UUID.randomUUID() + "@example.org", "X-End-User-Address", address);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(register(UUID.randomUUID() + "@example.org", "X-End-User-Address", "198.51.100.7").status())
                .isEqualTo(201);
    }

    @Test
    void requestsOfOneAddressThatArriveAtOnceWithinItsLimitAreAllServed() throws Exception {
        String address = "198.51.100." + (int) (Math.random() * 200);

        List<Response> responses = ConcurrentRequests.run(5, IntStream.range(0, 5)
                .<Callable<Response>>mapToObj(i -> () -> register(UUID.randomUUID() + "@example.org",
                        "X-End-User-Address", address))
                .toList());

        assertThat(responses).extracting(Response::status).containsOnly(201);
        assertThat(register(UUID.randomUUID() + "@example.org", "X-End-User-Address", address).status()).isEqualTo(429);
    }

    @Test
    void theLimitHoldsAcrossInstances() {
        String address = "192.0.2." + (int) (Math.random() * 200);
        try (RunningService second = RunningService.on(databaseUrl,
                "--participation.rate-limits.per-address.registrations=5",
                "--participation.rate-limits.per-address.period=1m")) {
            List<Response> responses = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Api through = i % 2 == 0 ? api : second.api();
                responses.add(register(through, UUID.randomUUID() + "@example.org", "X-End-User-Address", address));
            }

            // Per instance, each would have accepted 5 (10 together); shared, at most one more
            // than the limit per instance while it has not heard from the other (docs/security.md).
            assertThat(responses).filteredOn(response -> response.status() == 201).hasSizeBetween(5, 5 + 2);
            assertThat(responses).filteredOn(response -> response.status() != 201).allSatisfy(refused -> {
                assertThat(refused.status()).isEqualTo(429);
                assertThat(refused.body().path("code").asText()).isEqualTo("RATE_LIMITED");
                assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
            });
        }
    }

    @Test
    void thePortalAsAWholeIsNotLimited() {
        for (int i = 0; i < 60; i++) {
            assertThat(register("citizen-" + UUID.randomUUID() + "@example.org").status()).isEqualTo(201);
        }
    }

    @Test
    void anOverlongAddressHeaderIsRefused() {
        Response response = register("x@example.org", "X-End-User-Address", "1".repeat(65));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").get(0).path("field").asText()).isEqualTo("X-End-User-Address");
    }
}
