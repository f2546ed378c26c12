package de.participation.command.hostile;

import de.participation.command.support.RunningService;
import de.participation.command.support.TestDatabase;
import de.participation.command.support.TestTokens;
import de.participation.localstack.HostileRequest;
import de.participation.localstack.LocalIssuer;
import de.participation.localstack.RawHttp;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Malformed and hostile requests for every endpoint of the command service, generated: each is a
 * valid request with one or two faults the contract refuses (wrong JSON types, duplicate keys,
 * broken or oversized bodies, content types, correlation ids, tokens, ids in the path, methods).
 * Each must be answered 4xx (or 503) with a problem body and its code, never a 5xx or a stack
 * trace; and the witness meeting, which every write aims at, must be exactly as before.
 */
class HostileCommandsIT {

    private static final Map<String, Integer> ANSWERS = new ConcurrentHashMap<>();
    private static RunningService service;
    private static UUID witness;
    private static UUID witnessRegistration;
    private static List<String> witnessHistory;

    @BeforeContainer
    static void startWithAWitness() {
        service = RunningService.on(TestDatabase.create());
        witness = UUID.randomUUID();
        witnessRegistration = UUID.randomUUID();
        service.api().scheduleMeeting(witness, 3);
        service.api().register(witness, witnessRegistration, "Erika Mustermann", "erika@example.org");
        witnessHistory = historyOfWitness();
    }

    @AfterContainer
    static void witnessIsUnchanged() {
        try {
            System.out.println("Hostile commands answered, by status: " + new TreeMap<>(ANSWERS));
            assertThat(historyOfWitness()).isEqualTo(witnessHistory);
        } finally {
            service.close();
        }
    }

    private static List<String> historyOfWitness() {
        return service.storedEvents().of(witness).stream().map(event -> event.sequence() + " " + event.type()).toList();
    }

    @Property(tries = 1200)
    void everyHostileCommandIsRefusedWithAProblem(@ForAll("hostileCommands") HostileRequest request) {
        RawHttp.Response response = request.sendTo(service.port());
        ANSWERS.merge(response.status() / 100 + "xx", 1, Integer::sum);

        assertThat(response.refusalDefects()).as("answer to %s: %s", request, response.body()).isEmpty();
    }

    @Provide
    Arbitrary<HostileRequest> hostileCommands() {
        return Arbitraries.of(Endpoint.values()).flatMap(endpoint -> Arbitraries.of(endpoint.faults())
                .list().ofMinSize(1).ofMaxSize(2)
                .flatMap(kinds -> Combinators.combine(kinds.stream().map(kind -> kind.of(endpoint)).toList())
                        .as(faults -> {
                            HostileRequest request = endpoint.valid();
                            for (UnaryOperator<HostileRequest> fault : faults) {
                                request = fault.apply(request);
                            }
                            return request;
                        })));
    }

    /** What a field of a body holds, and values of every other JSON type. */
    enum Kind {
        TEXT("5", "5.5", "true", "[]", "{\"a\": 1}"),
        INTEGER("\"4\"", "5.5", "true", "[]", "99999999999999999999", "1e400", "\"\"", "-0.0"),
        BOOLEAN("1", "0", "\"true\"", "\"yes\"", "[]"),
        INSTANT("1700000000", "\"2099-06-03T10:00:00\"", "\"+999999999-12-31T23:59:59Z\"", "\"2099-13-45T99:00:00Z\"",
                "\"\"", "true", "\"1970-01-01T00:00:00Z\""),
        ID("\"not-a-uuid\"", "5", "\"00000000-0000-0000-0000-00000000000g\"",
                "\" 3fa85f64-5717-4562-b3fc-2c963f66afa6\"", "{}"),
        OBJECT("\"x\"", "5", "[]", "true"),
        LIST("\"x\"", "5", "{}", "true");

        private final List<String> wrongValues;

        Kind(String... wrongValues) {
            this.wrongValues = List.of(wrongValues);
        }
    }

    /** A field of a valid body: its raw JSON value, its kind, and whether the contract requires it. */
    record Field(String name, String value, Kind kind, boolean required) {
    }

    enum Endpoint {
        SCHEDULE("POST", "/api/v1/meetings", Role.ORGANISER_OF_ANY, Body.REQUIRED, List.of(
                new Field("meetingId", "\"" + UUID.randomUUID() + "\"", Kind.ID, false),
                new Field("title", "\"Regionen-Workshop\"", Kind.TEXT, true),
                new Field("description", "\"Mobilität im ländlichen Raum\"", Kind.TEXT, false),
                new Field("location", "\"Meißen\"", Kind.TEXT, true),
                new Field("startsAt", "\"2099-06-03T10:00:00+02:00\"", Kind.INSTANT, true),
                new Field("endsAt", "\"2099-06-03T12:00:00+02:00\"", Kind.INSTANT, false),
                new Field("capacity", "5", Kind.INTEGER, true),
                new Field("waitingList", "{\"enabled\": true, \"limit\": 0}", Kind.OBJECT, false))),
        CHANGE_CAPACITY("PUT", "/api/v1/meetings/{meeting}/capacity", Role.ORGANISER, Body.REQUIRED, List.of(
                new Field("capacity", "7", Kind.INTEGER, true))),
        CLOSE_REGISTRATION("POST", "/api/v1/meetings/{meeting}/registration/close", Role.ORGANISER, Body.NONE, List.of()),
        REOPEN_REGISTRATION("POST", "/api/v1/meetings/{meeting}/registration/open", Role.ORGANISER, Body.NONE, List.of()),
        CANCEL_MEETING("POST", "/api/v1/meetings/{meeting}/cancel", Role.ORGANISER, Body.OPTIONAL, List.of(
                new Field("reason", "\"Raum nicht verfügbar\"", Kind.TEXT, false))),
        REGISTER("POST", "/api/v1/meetings/{meeting}/registrations", Role.PORTAL, Body.REQUIRED, List.of(
                new Field("registrationId", "\"" + UUID.randomUUID() + "\"", Kind.ID, true),
                new Field("participant", "{\"name\": \"Max Mustermann\", \"email\": \"max@example.org\"}",
                        Kind.OBJECT, true),
                new Field("joinWaitingListIfFull", "true", Kind.BOOLEAN, false))),
        CANCEL_REGISTRATION("POST", "/api/v1/meetings/{meeting}/registrations/{registration}/cancel", Role.PORTAL,
                Body.OPTIONAL,
                List.of(new Field("reason", "\"verhindert\"", Kind.TEXT, false))),
        ERASE("POST", "/api/v1/registrations/{registration}/erasure", Role.ORGANISER, Body.NONE, List.of()),
        OPEN_PERSONAL_DATA("POST", "/api/v1/personal-data/open", Role.AUDITOR, Body.REQUIRED, List.of(
                new Field("registrations", "[{\"registrationId\": \"{registration}\", \"ciphertext\": \"c2VhbGVk\"}]",
                        Kind.LIST, true))),
        EMAIL_HASHES("POST", "/api/v1/personal-data/email-hashes", Role.DATA_PROTECTION, Body.REQUIRED, List.of(
                new Field("email", "\"erika@example.org\"", Kind.TEXT, true),
                new Field("meetingIds", "[\"{meeting}\"]", Kind.LIST, true))),
        SCAN_PERSONAL_DATA("POST", "/api/v1/admin/personal-data-scans", Role.DATA_PROTECTION, Body.REQUIRED, List.of(
                new Field("email", "\"erika@example.org\"", Kind.TEXT, true)));

        private final String method;
        private final String path;
        private final Role role;
        private final Body body;
        private final List<Field> fields;

        Endpoint(String method, String path, Role role, Body body, List<Field> fields) {
            this.method = method;
            this.path = path;
            this.role = role;
            this.body = body;
            this.fields = fields;
        }

        HostileRequest valid() {
            Map<String, byte[]> headers = new LinkedHashMap<>();
            headers.put("Authorization", ("Bearer " + role.token()).getBytes(StandardCharsets.US_ASCII));
            byte[] content = null;
            if (body != Body.NONE) {
                headers.put("Content-Type", "application/json".getBytes(StandardCharsets.US_ASCII));
                content = json(fields).getBytes(StandardCharsets.UTF_8);
            }
            return new HostileRequest(method, withIds(path), headers, content, List.of());
        }

        List<FaultKind> faults() {
            List<FaultKind> faults = new ArrayList<>(List.of(FaultKind.TOKEN, FaultKind.METHOD, FaultKind.CORRELATION_ID));
            if (body != Body.NONE) {
                faults.addAll(List.of(FaultKind.CONTENT_TYPE, FaultKind.BROKEN_BODY, FaultKind.UNKNOWN_FIELD));
            }
            if (!fields.isEmpty()) {
                faults.addAll(List.of(FaultKind.WRONG_TYPE, FaultKind.DUPLICATE_KEY, FaultKind.OVERLONG_TEXT));
            }
            if (fields.stream().anyMatch(Field::required)) {
                faults.add(FaultKind.MISSING_FIELD);
            }
            if (path.contains("{")) {
                faults.add(FaultKind.BAD_ID);
            }
            if (role == Role.ORGANISER) {
                faults.add(FaultKind.OTHER_ORGANISATION);
            }
            return faults;
        }
    }

    /** Whether an endpoint reads a body: an optional one may also be empty or JSON {@code null}. */
    enum Body {
        REQUIRED, OPTIONAL, NONE
    }

    /** Who may call an endpoint. */
    enum Role {
        ORGANISER, ORGANISER_OF_ANY, PORTAL, AUDITOR, DATA_PROTECTION;

        String token() {
            return switch (this) {
                case ORGANISER, ORGANISER_OF_ANY -> TestTokens.organiser();
                case PORTAL -> TestTokens.portal();
                case AUDITOR -> TestTokens.withRole("auditor");
                case DATA_PROTECTION -> TestTokens.withRole("data-protection");
            };
        }
    }

    /** The kinds of fault, each of which alone makes a request one the contract refuses. */
    enum FaultKind {
        WRONG_TYPE {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of(endpoint.fields).flatMap(field -> Arbitraries.of(field.kind().wrongValues)
                        .map(wrong -> request -> request.withBody(json(replaced(endpoint.fields, field, wrong)),
                                field.name() + " = " + wrong)));
            }
        },
        DUPLICATE_KEY {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of(endpoint.fields).map(field -> request -> request.withBody(
                        json(endpoint.fields).replaceFirst("\\{", "{\"" + field.name() + "\": " + field.value() + ", "),
                        "duplicate " + field.name()));
            }
        },
        MISSING_FIELD {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of(endpoint.fields.stream().filter(Field::required).toList())
                        .map(field -> request -> request.withBody(json(endpoint.fields.stream()
                                .filter(other -> other != field).toList()), "without " + field.name()));
            }
        },
        UNKNOWN_FIELD {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("status", "sequence", "organisation", "__proto__", "registrationID")
                        .map(name -> request -> request.withBody(json(endpoint.fields)
                                .replaceFirst("\\{", "{\"" + name + "\": \"CANCELLED\"" + (endpoint.fields.isEmpty() ? "" : ", ")),
                                "unknown field " + name));
            }
        },
        OVERLONG_TEXT {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                List<Field> texts = endpoint.fields.stream().filter(field -> field.kind() == Kind.TEXT).toList();
                if (texts.isEmpty()) {
                    return BROKEN_BODY.of(endpoint);
                }
                return Combinators.combine(Arbitraries.of(texts), Arbitraries.of(5_001, 70_000))
                        .as((field, length) -> request -> request.withBody(json(replaced(endpoint.fields, field,
                                "\"" + "ä".repeat(length) + "\"")), field.name() + " of " + length + " characters"));
            }
        },
        BROKEN_BODY {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                List<String> alsoValidWhenOptional = List.of("", "null");
                return Arbitraries.of(
                        "", "{", "}", "[]", "null", "42", "\"text\"", "{} {}", "{\"a\": 1,}", "{'a': 1}",
                        "{\"reason\": \"\u0001\"}", "[".repeat(5_000) + "]".repeat(5_000),
                        "{\"a\":".repeat(3_000) + "1" + "}".repeat(3_000), "\uFEFF{", "<xml/>", "a=1&b=2")
                        .filter(broken -> endpoint.body == Body.REQUIRED || !alsoValidWhenOptional.contains(broken))
                        .map(broken -> request -> request.withBody(broken, "body " + abbreviate(broken)));
            }
        },
        CONTENT_TYPE {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("*/*", "text/plain", "application/xml", "application/x-www-form-urlencoded",
                                "multipart/form-data; boundary=x", "application/json; charset=klingon", "json", ";;;",
                                "application/octet-stream", "")
                        .map(type -> request -> request.withHeader("Content-Type",
                                type.isEmpty() ? null : type.getBytes(StandardCharsets.US_ASCII), "content type " + type));
            }
        },
        CORRELATION_ID {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("ä€".getBytes(StandardCharsets.UTF_8), "ä".getBytes(StandardCharsets.ISO_8859_1),
                                new byte[]{'a', 1, 'b'}, "x".repeat(200).getBytes(StandardCharsets.US_ASCII),
                                "\u00ff\u00fe".getBytes(StandardCharsets.ISO_8859_1))
                        .map(value -> request -> request.withHeader("X-Correlation-Id", value, "correlation id "
                                + abbreviate(new String(value, StandardCharsets.ISO_8859_1))));
            }
        },
        TOKEN {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("none", "Bearer", "Bearer garbage", "Bearer " + TestTokens.expired(),
                                "Bearer " + TestTokens.foreign(), "Bearer " + unsignedToken(), "Basic dXNlcjpwdw==",
                                "Bearer " + TestTokens.withRole("nobody"), "bearer " + "a.b.c")
                        .map(value -> request -> request.withHeader("Authorization",
                                value.equals("none") ? null : value.getBytes(StandardCharsets.US_ASCII),
                                "authorization " + abbreviate(value)));
            }
        },
        OTHER_ORGANISATION {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.just(request -> request.withHeader("Authorization",
                        ("Bearer " + TestTokens.organiser(TestTokens.OTHER_ORGANISATION)).getBytes(StandardCharsets.US_ASCII),
                        "organiser of another organisation"));
            }
        },
        BAD_ID {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("not-a-uuid", witness + "%20", witness + "x", "%2e%2e", "..%2F..%2Fetc%2Fpasswd",
                                "%00", "%C3%A4", witness + "0", "%20" + witness, "{meeting}", "1", "%ZZ")
                        .map(id -> request -> request.withPath(request.path()
                                .replace(witness.toString(), id).replace(witnessRegistration.toString(), id), "id " + id));
            }
        },
        METHOD {
            @Override
            Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint) {
                return Arbitraries.of("DELETE", "PATCH", "GET".equals(endpoint.method) ? "POST" : "GET", "TRACE")
                        .filter(method -> !method.equals(endpoint.method) && !ANSWERED_ELSEWHERE.contains(method + " "
                                + endpoint.path))
                        .map(method -> request -> request.withMethod(method, "method " + method));
            }
        };

        abstract Arbitrary<UnaryOperator<HostileRequest>> of(Endpoint endpoint);
    }

    /** Methods the service answers on an endpoint's path besides the endpoint's own (not commands). */
    private static final Set<String> ANSWERED_ELSEWHERE = Set.of("GET /api/v1/admin/personal-data-scans");

    private static String withIds(String path) {
        return path.replace("{meeting}", witness.toString()).replace("{registration}", witnessRegistration.toString());
    }

    private static List<Field> replaced(List<Field> fields, Field field, String value) {
        return fields.stream().map(other -> other == field ? new Field(field.name(), value, field.kind(), field.required())
                : other).toList();
    }

    private static String json(List<Field> fields) {
        StringBuilder json = new StringBuilder("{");
        for (Field field : fields) {
            json.append(json.length() > 1 ? ", " : "").append('"').append(field.name()).append("\": ")
                    .append(withIds(field.value()));
        }
        return json.append('}').toString();
    }

    /** A token that names the trusted issuer but is not signed at all ({@code alg: none}). */
    private static String unsignedToken() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        String claims = base64.encodeToString(("{\"iss\":\"" + LocalIssuer.ISSUER + "\",\"sub\":\"mallory\","
                + "\"roles\":[\"portal\",\"organiser\",\"auditor\",\"operator\"],\"organisation\":\"SMWA\",\"exp\":"
                + Instant.now().plusSeconds(3600).getEpochSecond() + "}").getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".";
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
    }
}
