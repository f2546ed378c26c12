package de.participation.localstack;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The whole system on one machine, in the foreground ({@code run-local.sh}): a real Kafka broker,
 * PostgreSQL and the MongoDB stand-in, each in processes of its own ({@link LocalInfrastructure}; each unless
 * KAFKA_BOOTSTRAP_SERVERS, SPRING_DATASOURCE_URL or MONGODB_URI point elsewhere), all data under
 * DATA_DIR, and both services as JVMs of their own, told where their infrastructure is as an
 * operator would tell them. A part that dies is started again ({@link Supervisor}); a stack killed
 * with -9 leaves nothing running.
 *
 * <p>The parts run in process groups of their own, so a Ctrl-C (or a service manager's SIGTERM to
 * the group) reaches only the stack, which stops in order: supervision first, then the services,
 * then the infrastructure. When any part fails to start, every part started so far is stopped, and
 * the stack exits with a message that names the part and its log.
 */
public final class LocalStack {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration STARTUP = Duration.ofMinutes(3);

    private LocalStack() {
    }

    public static void main(String[] args) throws Exception {
        boolean demo = List.of(args).contains("--demo");
        Path root = Path.of(System.getProperty("participation.root", ".")).toAbsolutePath().normalize();
        Path dataDirectory = Path.of(env("DATA_DIR", root.resolve(".data").toString())).toAbsolutePath();
        Files.createDirectories(dataDirectory.resolve("logs"));

        Supervisor supervisor = Supervisor.over(dataDirectory);
        RunningParts parts = new RunningParts();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping…");
            stop(supervisor, parts);
            stopped.countDown();
        }, "local-stack-shutdown"));
        try {
            start(root, dataDirectory, demo, supervisor, parts);
        } catch (RuntimeException | Error failure) {
            if (parts.stopping()) {
                return; // a signal stopped the start; the shutdown hook ends the rest
            }
            // The message names the part (and its log); a trace helps only where the cause is not ours.
            boolean expected = failure instanceof IllegalStateException
                    && (failure.getCause() == null || failure.getCause() instanceof IllegalStateException);
            log.error("The local stack could not start, and stops what it had started: {}", failure.getMessage(),
                    expected ? null : failure);
            stop(supervisor, parts);
            System.exit(1);
        }
        stopped.await();
    }

    private static void start(Path root, Path dataDirectory, boolean demo, Supervisor supervisor, RunningParts parts) {
        int commandPort = Integer.parseInt(env("COMMAND_PORT", "8081"));
        int queryPort = Integer.parseInt(env("QUERY_PORT", "8082"));
        Map<String, String> settings = new HashMap<>(System.getenv());
        settings.putIfAbsent("KAFKA_PORT", "9092");
        LocalInfrastructure infrastructure = parts.add(new LocalInfrastructure(dataDirectory, settings));
        infrastructure.start();
        LocalIssuer issuer = LocalIssuer.in(dataDirectory.resolve("issuer"));
        Map<String, String> environment = new HashMap<>(infrastructure.serviceEnvironment());
        environment.put("QUERY_INSTANCE_ID", "local-query-service");
        // Every request traced, so that each log line carries its trace id; spans go nowhere unless
        // MANAGEMENT_OTLP_TRACING_ENDPOINT names a collector.
        environment.put("TRACING_SAMPLING_PROBABILITY", env("TRACING_SAMPLING_PROBABILITY", "1.0"));
        environment.putAll(trusting(issuer));

        log.info("Starting the command service and the query service (logs in {})…", dataDirectory.resolve("logs"));
        // Only the command service holds the participants' key-encryption keys.
        Map<String, String> commandEnvironment = withCommandsFrom("http://localhost:" + queryPort, environment);
        commandEnvironment.putAll(LocalKeyEncryptionKeys.environment(dataDirectory));
        ServiceProcess command = parts.add(ServiceProcess.launch("command-service", ServiceProcess.jar(root, "command-service"),
                commandPort, commandEnvironment, dataDirectory.resolve("logs/command-service.log"), STARTUP));
        command.awaitReady();
        // The query service has participants opened by the command service, which holds the keys.
        environment.put("COMMAND_SERVICE_URL", command.baseUrl());
        LocalSignIn signIn = parts.add(LocalSignIn.start(issuer, Integer.parseInt(env("SIGN_IN_PORT", "8083")),
                "http://localhost:" + queryPort + "/dashboard"));
        environment.putAll(signingInAt(signIn));
        environment.putAll(sendingCommandsTo(command));
        environment.putAll(WEBHOOKS_TO_THIS_MACHINE);
        ServiceProcess query = parts.add(ServiceProcess.launch("query-service", ServiceProcess.jar(root, "query-service"),
                queryPort, environment, dataDirectory.resolve("logs/query-service.log"), STARTUP));
        query.awaitReady();
        infrastructure.parts().forEach(supervisor::watch);
        supervisor.watch(Supervisor.Part.of(command));
        supervisor.watch(Supervisor.Part.of(query));

        if (demo) {
            DemoData.load(command.baseUrl(), issuer);
            log.info("Demo meetings loaded (or already present)");
        }
        log.info("""

                Ready. Data in {}
                  command service  {}/api/v1/meetings
                  query service    {}/api/v1/meetings
                  dashboard        {}/dashboard   (sign in as an organiser of {})
                  metrics          {}/actuator/prometheus and {}/actuator/prometheus (a monitoring token)
                  Kafka            {}
                  PostgreSQL       {}
                  MongoDB          {}
                Get a bearer token with ./run-local.sh token <portal|organiser|auditor|operator|data-protection|monitoring> [organisation]
                (the demo meetings belong to the organisation {}). A part that dies is started again.
                Stop with Ctrl-C.""",
                dataDirectory, command.baseUrl(), query.baseUrl(), query.baseUrl(), DemoData.ORGANISATION,
                command.baseUrl(), query.baseUrl(), infrastructure.kafkaBootstrapServers(), infrastructure.jdbcUrl(), infrastructure.mongoUri(),
                DemoData.ORGANISATION);
        supervisor.start();
    }

    /**
     * Supervision ends first, so that nothing is started again while the parts go down; then the
     * parts stop, newest first: the services, then the infrastructure. A part still starting is
     * stopped too ({@link RunningParts}).
     */
    private static void stop(Supervisor supervisor, RunningParts parts) {
        supervisor.close();
        parts.close();
    }

    /** The environment that makes the query service's dashboard sign in at {@code signIn}. */
    public static Map<String, String> signingInAt(LocalSignIn signIn) {
        return Map.of("DASHBOARD_AUTHORIZATION_ENDPOINT", signIn.authorizationEndpoint(),
                "DASHBOARD_TOKEN_ENDPOINT", signIn.tokenEndpoint(),
                "DASHBOARD_END_SESSION_ENDPOINT", signIn.endSessionEndpoint());
    }

    /** The command service's {@code environment}, letting the dashboard served at {@code origin} send commands. */
    public static Map<String, String> withCommandsFrom(String origin, Map<String, String> environment) {
        Map<String, String> withOrigin = new HashMap<>(environment);
        withOrigin.put("ALLOWED_ORIGINS", origin);
        return withOrigin;
    }

    /** The environment that makes the query service's dashboard send commands to {@code command}. */
    public static Map<String, String> sendingCommandsTo(ServiceProcess command) {
        return Map.of("DASHBOARD_COMMAND_API", command.baseUrl());
    }

    /** The query service's environment that lets webhooks go to receivers on this machine, which production refuses. */
    public static final Map<String, String> WEBHOOKS_TO_THIS_MACHINE =
            Map.of("WEBHOOK_ALLOWED_TARGETS", "127.0.0.0/8,::1/128");

    /** The environment that makes a service trust the tokens of {@code issuer}. */
    public static Map<String, String> trusting(LocalIssuer issuer) {
        return Map.of("TOKEN_ISSUER", LocalIssuer.ISSUER, "TOKEN_AUDIENCE", LocalIssuer.AUDIENCE,
                "TOKEN_PUBLIC_KEY_LOCATION", "file:" + issuer.publicKeyFile().toAbsolutePath());
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
