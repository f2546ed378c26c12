package de.participation.query.hostile;

import de.participation.events.RegistrationEvent;
import de.participation.localstack.HostileRequest;
import de.participation.localstack.JsonHttp;
import de.participation.localstack.RawHttp;
import de.participation.query.QueryServiceApplication;
import de.participation.query.support.EventPublisher;
import de.participation.query.support.Histories;
import de.participation.query.support.QueryServiceInfrastructure;
import de.participation.query.support.TestMongo;
import de.participation.query.support.TestTokens;
import de.participation.web.security.Roles;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Malformed and hostile requests for every endpoint of the read, audit and operators' API and the
 * webhooks' lists,
 * generated: each is a valid request with one or two faults the contract refuses (tokens, roles,
 * other organisations, ids in the path, query parameters out of range or of the wrong type,
 * methods, URLs the firewall refuses), some also asking for HTML or XML. Each must be answered 4xx
 * (or 503) with a problem body and its code; afterwards the witness meeting reads as before and no
 * rebuild was started.
 */
class HostileReadsIT {

    private static final Map<String, Integer> ANSWERS = new ConcurrentHashMap<>();
    private static QueryServiceInfrastructure infrastructure;
    private static ConfigurableApplicationContext service;
    private static Histories witness;
    private static String witnessSummary;
    private static String webhookId;

    @BeforeContainer
    static void startWithAWitness() {
        infrastructure = QueryServiceInfrastructure.start();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--participation.read-your-writes.max-wait=1s"));
        arguments.addAll(infrastructure.arguments(TestMongo.freshDatabaseName()));
        service = new SpringApplicationBuilder(QueryServiceApplication.class).run(arguments.toArray(String[]::new));
        witness = new Histories(UUID.randomUUID()).scheduled(2).registered(UUID.randomUUID())
                .waitlisted(UUID.randomUUID(), 1);
        try (EventPublisher publisher = new EventPublisher(infrastructure.kafka().bootstrapServers())) {
            publisher.publish(witness.events());
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> summaryOfWitness().contains("\"sequence\":2"));
        witnessSummary = summaryOfWitness();
        // A public address, for an event the witness never has: nothing is ever sent.
        webhookId = new JsonHttp(port()).withBearer(TestTokens.withRole(Roles.PORTAL)).post("/api/v1/webhooks",
                "{\"url\":\"http://93.184.215.14/hooks\",\"events\":[\"meeting.cancelled\"]}").body()
                .path("webhookId").asText();
    }

    @AfterContainer
    static void witnessReadsAsBefore() {
        try {
            System.out.println("Hostile reads answered, by status: " + new TreeMap<>(ANSWERS));
            assertThat(summaryOfWitness()).isEqualTo(witnessSummary);
            assertThat(new JsonHttp(port()).withBearer(TestTokens.withRole(Roles.OPERATOR))
                    .get("/api/v1/admin/projections").body().path("rebuild").isNull()).as("no rebuild started").isTrue();
        } finally {
            service.close();
            infrastructure.close();
        }
    }

    private static String summaryOfWitness() {
        return new JsonHttp(port()).withBearer(TestTokens.organiser(Histories.ORGANISATION))
                .get("/api/v1/meetings/" + witness.meetingId()).body().toString().replaceAll("\"updatedAt\":\"[^\"]*\"", "");
    }

    private static int port() {
        return ((WebServerApplicationContext) service).getWebServer().getPort();
    }

    @Property(tries = 1000)
    void everyHostileReadIsRefusedWithAProblem(@ForAll("hostileReads") HostileRequest request) {
        RawHttp.Response response = request.sendTo(port());
        ANSWERS.merge(response.status() / 100 + "xx", 1, Integer::sum);

        assertThat(response.refusalDefects()).as("answer to %s: %s", request, response.body()).isEmpty();
    }

    /** Extreme but valid: the far end of every list is an empty page, never an overflow. */
    @Example
    void theFarEndOfAListIsAnEmptyPage() {
        for (String path : List.of("/api/v1/meetings", "/api/v1/meetings/" + witness.meetingId() + "/registrations",
                "/api/v1/meetings/" + witness.meetingId() + "/waiting-list")) {
            JsonHttp.Response page = new JsonHttp(port()).withBearer(TestTokens.organiser(Histories.ORGANISATION))
                    .get(path + "?offset=2147483647&limit=1000");
            assertThat(page.status()).as(path).isEqualTo(200);
            assertThat(page.body().size()).as(path).isZero();
        }
    }

    /** The container's error path, asked for directly, is a path like any unknown one. */
    @Example
    void theErrorPathIsNotFound() {
        RawHttp.Response response = new HostileRequest("GET", "/error", Map.of(), null, List.of()).sendTo(port());
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.refusalDefects()).isEmpty();
    }

    @Provide
    Arbitrary<HostileRequest> hostileReads() {
        return Arbitraries.of(Endpoint.values()).flatMap(endpoint -> Combinators.combine(
                Arbitraries.of(endpoint.faults()).list().ofMinSize(1).ofMaxSize(2)
                        .flatMap(kinds -> Combinators.combine(kinds.stream().map(kind -> kind.of(endpoint)).toList())
                                .as(faults -> faults)),
                Arbitraries.of("application/json", "text/html", "application/xml", "*/*", "image/png;q=0.1"))
                .as((faults, accept) -> {
                    HostileRequest request = endpoint.valid().withHeader("Accept",
                            accept.getBytes(StandardCharsets.US_ASCII), null);
                    for (UnaryOperator<HostileRequest> fault : faults) {
                        request = fault.apply(request);
                    }
                    return request;
                }));
    }

    enum Endpoint {
        MEETINGS("GET", "/api/v1/meetings?offset=0&limit=10", Roles.ORGANISER),
        MEETING("GET", "/api/v1/meetings/{meeting}?minSequence=0", Roles.ORGANISER),
        REGISTRATIONS("GET", "/api/v1/meetings/{meeting}/registrations?status=CONFIRMED&offset=0&limit=10", Roles.ORGANISER),
        WAITING_LIST("GET", "/api/v1/meetings/{meeting}/waiting-list?offset=0&limit=10", Roles.ORGANISER),
        REGISTRATION("GET", "/api/v1/registrations/{registration}?minSequence=0", Roles.ORGANISER),
        MEETING_HISTORY("GET", "/api/v1/audit/meetings/{meeting}/events?offset=0&limit=10", Roles.AUDITOR),
        REGISTRATION_HISTORY("GET", "/api/v1/audit/registrations/{registration}/events", Roles.AUDITOR),
        PAST_STATE("GET", "/api/v1/audit/meetings/{meeting}/state?asOf=2030-01-01T00:00:00Z", Roles.AUDITOR),
        PROJECTIONS("GET", "/api/v1/admin/projections", Roles.OPERATOR),
        REBUILD("POST", "/api/v1/admin/projections/rebuild", Roles.OPERATOR),
        VERIFICATION("POST", "/api/v1/admin/projections/verification", Roles.OPERATOR),
        PERSONAL_DATA_SCAN("POST", "/api/v1/admin/personal-data-scans", Roles.DATA_PROTECTION),
        PERSONAL_DATA_SCAN_TRAIL("GET", "/api/v1/admin/personal-data-scans?offset=0&limit=10", Roles.DATA_PROTECTION),
        MEETING_STREAM("GET", "/api/v1/meetings/{meeting}/capacity/stream", Roles.ORGANISER),
        WEBHOOKS("GET", "/api/v1/webhooks", Roles.PORTAL),
        WEBHOOK_DELIVERIES("GET", "/api/v1/webhooks/{webhook}/deliveries?offset=0&limit=10", Roles.PORTAL);

        private final String method;
        private final String path;
        private final String role;

        Endpoint(String method, String path, String role) {
            this.method = method;
            this.path = path;
            this.role = role;
        }

        HostileRequest valid() {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            String token = role.equals(Roles.ORGANISER) ? TestTokens.organiser(Histories.ORGANISATION)
                    : TestTokens.withRole(role);
            headers.put("Authorization", ("Bearer " + token).getBytes(StandardCharsets.US_ASCII));
            return new HostileRequest(method, path.replace("{meeting}", witness.meetingId().toString())
                    .replace("{registration}", registrationOfWitness().toString())
                    .replace("{webhook}", webhookId), headers, null, List.of());
        }

        /** Whether {@code method} on this endpoint's path is this endpoint or another one (the scans and their trail). */
        boolean answeredOnItsPath(String method) {
            return Arrays.stream(values()).anyMatch(other -> other.method.equals(method)
                    && other.path.split("\\?")[0].equals(path.split("\\?")[0]));
        }

        List<FaultKind> faults() {
            List<FaultKind> faults = new ArrayList<>(List.of(FaultKind.TOKEN, FaultKind.METHOD, FaultKind.REFUSED_URL));
            if (path.contains("{")) {
                faults.add(FaultKind.BAD_ID);
            }
            if (path.contains("?")) {
                faults.add(FaultKind.BAD_PARAMETER);
            }
            return faults;
        }
    }

    private static UUID registrationOfWitness() {
        return ((RegistrationEvent) witness.events().get(1).data()).registrationId();
    }

    /** The kinds of fault, each of which alone makes a read one the contract refuses. */
    enum FaultKind {
        TOKEN {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("none", "Bearer", "Bearer garbage", "Basic dXNlcjpwdw==", "Bearer a.b.c",
                                "Bearer " + TestTokens.withRole("nobody"),
                                "Bearer " + TestTokens.withRole(switch (endpoint.role) {
                                    case Roles.OPERATOR -> Roles.PORTAL;
                                    case Roles.DATA_PROTECTION -> Roles.OPERATOR;
                                    default -> "nobody";
                                }))
                        .map(value -> request -> request.withHeader("Authorization",
                                value.equals("none") ? null : value.getBytes(StandardCharsets.US_ASCII),
                                "authorization " + (value.length() > 30 ? value.substring(0, 30) + "…" : value)));
            }
        },
        BAD_ID {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                String id = witness.meetingId().toString();
                String registration = registrationOfWitness().toString();
                return Arbitraries.of("not-a-uuid", id + "%20", "%20" + id, id + "x", "%2e%2e", "%00", "%C3%A4",
                                id.toUpperCase().replace('-', '_'), "1")
                        .map(bad -> request -> request.withPath(request.path().replace(id, bad)
                                .replace(registration, bad).replace(webhookId, bad), "id " + bad));
            }
        },
        BAD_PARAMETER {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                List<String[]> replacements = new ArrayList<>();
                for (String value : List.of("-1", "abc", "2147483648", "1e3", "99999999999999999999")) {
                    replacements.add(new String[]{"offset=0", "offset=" + value});
                }
                for (String value : List.of("0", "-1", "1001", "abc", "2147483648")) {
                    replacements.add(new String[]{"limit=10", "limit=" + value});
                }
                for (String value : List.of("-1", "abc", "99999999999999999999", "1.5")) {
                    replacements.add(new String[]{"minSequence=0", "minSequence=" + value});
                }
                for (String value : List.of("UNKNOWN", "confirmed", "%00")) {
                    replacements.add(new String[]{"status=CONFIRMED", "status=" + value});
                }
                for (String value : List.of("garbage", "1700000000", "2030-13-45T99:00:00Z", "")) {
                    replacements.add(new String[]{"asOf=2030-01-01T00:00:00Z", "asOf=" + value});
                }
                List<String[]> applicable = replacements.stream().filter(pair -> endpoint.path.contains(pair[0])).toList();
                // Only the whole parameter: a second fault must not turn the first one's limit=1001 into limit=001.
                return Arbitraries.of(applicable).map(pair -> request -> request.withPath(request.path().replaceFirst(
                        Pattern.quote(pair[0]) + "(?=&|$)", Matcher.quoteReplacement(pair[1])), pair[1]));
            }
        },
        METHOD {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("DELETE", "PATCH", "PUT", "GET".equals(endpoint.method) ? "POST" : "GET")
                        .filter(method -> !endpoint.answeredOnItsPath(method))
                        .map(method -> request -> request.withMethod(method, "method " + method));
            }
        },
        REFUSED_URL {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("/..%2F..%2Factuator%2Fenv", "/%2e%2e/%2e%2e/etc/passwd", "//", "/;jsessionid=x",
                                "/%252e%252e", "/%5c..%5c")
                        .map(suffix -> request -> {
                            String path = request.path();
                            int query = path.indexOf('?');
                            String plain = query < 0 ? path : path.substring(0, query);
                            return request.withPath(plain + suffix + (query < 0 ? "" : path.substring(query)),
                                    "url " + suffix);
                        });
            }
        };

        abstract Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint);
    }
}
