package de.participation.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} is what operators copy first, so it must stay secure by default
 * (docs/security.md): compose cannot run on the project machines, so its settings are read here,
 * and undoing any of the defences fails the build.
 */
class SecureComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\{([A-Z_]+)([^}]*)}");

    private final String composeText = read("docker-compose.yml");
    private final Map<String, Map<String, Object>> services = services();

    @Test
    void keycloakRunsInProductionModeOnADatabaseOfItsOwn() {
        assertThat(command("keycloak")).contains("start").doesNotContain("start-dev");
        assertThat(environment("keycloak")).containsEntry("KC_DB", "postgres");
    }

    @Test
    void noClientOfTheRealmHasThePasswordGrantAndRedirectsGoToExactAddresses() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(read("deploy/keycloak/participation-realm.json"));
        assertThat(realm.path("clients")).isNotEmpty().allSatisfy(client -> {
            assertThat(client.path("directAccessGrantsEnabled").asBoolean(true))
                    .as("the password grant of %s", client.path("clientId").asText()).isFalse();
            assertThat(StreamSupport.stream(client.path("redirectUris").spliterator(), false).map(JsonNode::asText))
                    .noneMatch(uri -> uri.contains("*"));
        });
    }

    @Test
    void mongoDbNeedsAuthenticationAndTheQueryServiceSignsInWithAUserOfItsOwn() {
        assertThat(command("mongo")).contains("--keyFile");
        assertThat(environment("mongo")).containsKey("MONGO_INITDB_ROOT_PASSWORD");
        assertThat(environment("query-service").get("MONGODB_URI"))
                .startsWith("mongodb://query-service:${MONGO_QUERY_PASSWORD").contains("authSource=participation");
    }

    @Test
    void theBrokerHasNoPlaintextListenerAndTheServicesSpeakSaslOverTls() throws IOException {
        Properties broker = new Properties();
        broker.load(new StringReader(read("deploy/kafka/broker.properties")));
        assertThat(broker.getProperty("listener.security.protocol.map")).doesNotContain("PLAINTEXT");
        assertThat(broker.getProperty("allow.everyone.if.no.acl.found")).isEqualTo("false");
        for (String service : List.of("command-service", "query-service")) {
            assertThat(environment(service)).containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
        }
    }

    @Test
    void everySecretIsChosenAtStartNeverDefaulted() {
        Matcher substitution = SUBSTITUTION.matcher(composeText);
        int secrets = 0;
        while (substitution.find()) {
            String variable = substitution.group(1);
            if (variable.contains("PASSWORD") || variable.contains("SECRET") || variable.endsWith("KEY")) {
                secrets++;
                assertThat(substitution.group(2)).as("how %s is substituted", variable).startsWith(":?");
            }
        }
        assertThat(secrets).isPositive();
    }

    private String command(String service) {
        Object command = services.get(service).get("command");
        return command instanceof List<?> parts ? String.join(" ", parts.stream().map(String::valueOf).toList())
                : String.valueOf(command);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> environment(String service) {
        return (Map<String, String>) services.get(service).get("environment");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> services() {
        Map<String, Object> compose = new Yaml().load(composeText);
        return (Map<String, Map<String, Object>>) compose.get("services");
    }

    private static String read(String file) {
        try {
            return Files.readString(ROOT.resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
