package de.participation.localstack;

import de.participation.kafka.KafkaClientSettings;
import de.participation.kafka.Topics;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.SecurityUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.kafka.KafkaProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The compose broker's security, on a real broker started from compose's own files: the broker
 * settings of {@code deploy/kafka/broker.properties} (only where it listens and keeps its files
 * differ, see {@link #WHERE}), TLS material made by {@code deploy/kafka/create-tls.sh}, and the
 * ACLs of {@code deploy/kafka/acls.txt}, applied as the init step applies them. The services'
 * clients are built as the services build them, from Spring Boot's standard Kafka properties bound
 * from the SPRING_KAFKA_… variables {@code docker-compose.yml} gives them.
 */
class SecuredBrokerTest {

    private static final Path DEPLOY = Path.of("..", "deploy", "kafka");
    private static final Path COMPOSE = Path.of("..", "docker-compose.yml");
    /** A variable compose substitutes when it starts, such as ${KAFKA_COMMAND_SERVICE_PASSWORD:?…}. */
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{[A-Z_]+:\\?[^}]*}");
    /** The settings of broker.properties this test replaces: addresses, ports and paths only. */
    private static final Set<String> WHERE = Set.of("listeners", "advertised.listeners", "controller.quorum.voters",
            "log.dirs", "ssl.keystore.location", "ssl.truststore.location");
    private static final String COMMAND_SERVICE = "command-service";
    private static final String QUERY_SERVICE = "query-service";

    private static final Map<String, String> passwords = Map.of(COMMAND_SERVICE, password(), QUERY_SERVICE, password());
    private static Path directory;
    private static Properties composeBroker;
    private static Map<String, Object> compose;
    private static Properties broker;
    private static LocalKafka kafka;
    private static int brokerPort;

    @BeforeAll
    static void startTheComposeBroker() throws Exception {
        directory = Files.createTempDirectory("secured-broker-it-");
        Path keystorePassword = Files.writeString(directory.resolve("keystore-password"), password());
        createTls(keystorePassword);

        composeBroker = load(DEPLOY.resolve("broker.properties"));
        try (Reader reader = Files.newBufferedReader(COMPOSE)) {
            compose = new Yaml().load(reader);
        }
        int clientPort = Ports.free();
        brokerPort = Ports.free();
        int controllerPort = Ports.free();
        broker = new Properties();
        broker.putAll(composeBroker);
        broker.put("listeners", "CLIENTS://127.0.0.1:" + clientPort + ",BROKER://127.0.0.1:" + brokerPort
                + ",CONTROLLER://127.0.0.1:" + controllerPort);
        broker.put("advertised.listeners", "CLIENTS://127.0.0.1:" + clientPort + ",BROKER://127.0.0.1:" + brokerPort);
        broker.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        broker.put("log.dirs", directory.resolve("log").toString());
        broker.put("ssl.keystore.location", directory.resolve("tls/broker.p12").toString());
        broker.put("ssl.truststore.location", directory.resolve("tls/kafka.pem").toString());
        // As start-broker.sh appends them.
        broker.put("ssl.keystore.password", Files.readString(keystorePassword));
        broker.put("ssl.key.password", Files.readString(keystorePassword));
        kafka = LocalKafka.start(broker, clientPort);

        try (Admin admin = Admin.create(asTheBroker())) {
            createUsers(admin);
            applyAcls(admin);
        }
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
    }

    @Test
    void theBrokerRunsComposesSettingsChangingOnlyWhereItListensAndKeepsItsFiles() {
        Set<String> changed = new HashSet<>();
        composeBroker.stringPropertyNames().stream()
                .filter(key -> !composeBroker.getProperty(key).equals(broker.getProperty(key)))
                .forEach(changed::add);
        assertThat(changed).isSubsetOf(WHERE);
        Set<String> added = new HashSet<>(broker.stringPropertyNames());
        added.removeAll(composeBroker.stringPropertyNames());
        assertThat(added).as("what start-broker.sh appends").containsOnly("ssl.keystore.password", "ssl.key.password");
        assertThat(composeBroker).containsEntry("listener.security.protocol.map", "CLIENTS:SASL_SSL,BROKER:SSL,CONTROLLER:SSL")
                .containsEntry("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .containsEntry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("allow.everyone.if.no.acl.found", "false");
    }

    @Test
    void onlyTheCommandServiceWritesTheEventsTopicAndTheQueryServiceReadsIt() throws Exception {
        KafkaClientSettings commandService = service(COMMAND_SERVICE, passwords.get(COMMAND_SERVICE));
        KafkaClientSettings queryService = service(QUERY_SERVICE, passwords.get(QUERY_SERVICE));

        assertThat(Topics.reachable(commandService.admin(), Duration.ofSeconds(10))).as("the health checks' question").isTrue();
        assertThat(Topics.reachable(queryService.admin(), Duration.ofSeconds(10))).isTrue();
        assertThatThrownBy(() -> Topics.ensureExists(queryService.admin(), Topics.MEETING_EVENTS, 6, (short) 1))
                .as("the query service may not create the events topic").hasCauseInstanceOf(TopicAuthorizationException.class);
        assertThat(Topics.exists(queryService.admin(), Topics.MEETING_EVENTS)).isFalse();
        Topics.ensureExists(commandService.admin(), Topics.MEETING_EVENTS, 6, (short) 1);
        assertThat(Topics.exists(queryService.admin(), Topics.MEETING_EVENTS)).as("what the query service waits for").isTrue();

        try (KafkaProducer<String, String> producer = commandServiceProducer(commandService)) {
            producer.send(new ProducerRecord<>(Topics.MEETING_EVENTS, "meeting-1", "MeetingScheduled")).get();
        }
        try (KafkaProducer<String, String> producer = producer(queryService.producer(Map.of()))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.MEETING_EVENTS, "meeting-1", "forged")).get())
                    .as("the query service may not write the events topic")
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }

        assertThat(readAll(queryService, Topics.MEETING_EVENTS)).as("the query service reads the events topic")
                .containsExactly("MeetingScheduled");

        Topics.ensureExists(queryService.admin(), Topics.MEETING_EVENTS_DEAD_LETTERS, 1, (short) 1);
        try (KafkaProducer<String, String> producer = producer(queryService.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all")))) {
            producer.send(new ProducerRecord<>(Topics.MEETING_EVENTS_DEAD_LETTERS, "meeting-1", "unreadable")).get();
        }
        assertThat(recordsIn(Topics.MEETING_EVENTS_DEAD_LETTERS)).as("the query service writes its dead letters").isEqualTo(1);
    }

    @Test
    void aClientWithoutCredentialsOrWithAWrongPasswordWritesNothing() throws Exception {
        Topics.ensureExists(asTheBroker(), "participation.unwritten", 1, (short) 1);
        Map<String, Object> anonymous = new HashMap<>(service(COMMAND_SERVICE, "irrelevant").producer(Map.of()));
        anonymous.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL");
        anonymous.remove("sasl.jaas.config");
        anonymous.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);
        try (KafkaProducer<String, String> producer = producer(anonymous)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("participation.unwritten", "forged")).get())
                    .as("TLS without SASL gets no further than the handshake").isInstanceOf(ExecutionException.class);
        }
        try (KafkaProducer<String, String> producer = producer(service(COMMAND_SERVICE, "guessed").producer(
                Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000)))) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("participation.unwritten", "forged")).get())
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        assertThat(recordsIn("participation.unwritten")).isZero();
    }

    /**
     * A service's Kafka client settings: the SPRING_KAFKA_… variables docker-compose.yml gives it,
     * with this broker's address and certificate, and {@code password} for the one compose asks
     * for, bound as Spring Boot binds the environment.
     */
    @SuppressWarnings("unchecked")
    private static KafkaClientSettings service(String service, String password) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        Map<String, Object> composeEnvironment = (Map<String, Object>) ((Map<String, Object>) services.get(service))
                .get("environment");
        Map<String, Object> environment = new HashMap<>();
        composeEnvironment.forEach((name, value) -> {
            if (name.startsWith("SPRING_KAFKA_")) {
                environment.put(name, COMPOSE_VARIABLE.matcher(String.valueOf(value))
                        .replaceAll(Matcher.quoteReplacement(password)));
            }
        });
        assertThat(composeEnvironment).containsKey("KAFKA_BOOTSTRAP_SERVERS");
        // Where: compose's KAFKA_BOOTSTRAP_SERVERS (spring.kafka.bootstrap-servers in application.yml) and trust store.
        environment.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        environment.put("SPRING_KAFKA_SSL_TRUST_STORE_LOCATION", directory.resolve("trust/kafka.pem").toUri().toString());
        KafkaProperties properties = new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)))
                .bind("spring.kafka", KafkaProperties.class).get();
        return new KafkaClientSettings(properties, null);
    }

    /** The command service's producer settings (ForwardingConfiguration): idempotent, every replica acknowledges. */
    private static KafkaProducer<String, String> commandServiceProducer(KafkaClientSettings commandService) {
        return producer(commandService.producer(Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)));
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> settings) {
        return new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(KafkaClientSettings settings, String topic) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(settings.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "query-service",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return !values.isEmpty();
            });
            consumer.commitSync();
        }
        return values;
    }

    private static long recordsIn(String topic) throws Exception {
        try (Admin admin = Admin.create(asTheBroker())) {
            return admin.listOffsets(Map.of(new TopicPartition(topic, 0), OffsetSpec.latest())).all()
                    .get(10, TimeUnit.SECONDS).values().iterator().next().offset();
        }
    }

    /** The init step's client (admin-client.sh): the broker's own key over the BROKER listener. */
    private static Map<String, Object> asTheBroker() {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + brokerPort,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SSL",
                SslConfigs.SSL_KEYSTORE_TYPE_CONFIG, "PKCS12",
                SslConfigs.SSL_KEYSTORE_LOCATION_CONFIG, broker.getProperty("ssl.keystore.location"),
                SslConfigs.SSL_KEYSTORE_PASSWORD_CONFIG, broker.getProperty("ssl.keystore.password"),
                SslConfigs.SSL_KEY_PASSWORD_CONFIG, broker.getProperty("ssl.key.password"),
                SslConfigs.SSL_TRUSTSTORE_TYPE_CONFIG, "PEM",
                SslConfigs.SSL_TRUSTSTORE_LOCATION_CONFIG, broker.getProperty("ssl.truststore.location"));
    }

    private static void createTls(Path keystorePassword) throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder("bash", DEPLOY.resolve("create-tls.sh").toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("create-tls.log").toFile());
        Map<String, String> environment = script.environment();
        environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + environment.get("PATH"));
        environment.put("KEYSTORE_PASSWORD_FILE", keystorePassword.toString());
        environment.put("TLS_DIR", directory.resolve("tls").toString());
        environment.put("TRUST_DIR", directory.resolve("trust").toString());
        environment.put("TLS_NAMES", "ip:127.0.0.1,dns:localhost");
        Process process = script.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(Files.readString(directory.resolve("create-tls.log"))).isZero();
    }

    /** As kafka-init.sh does with kafka-configs.sh. */
    private static void createUsers(Admin admin) throws Exception {
        ScramCredentialInfo scram = new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192);
        admin.alterUserScramCredentials(passwords.entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(), scram, user.getValue()))
                .toList()).all().get();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                admin.describeUserScramCredentials().all().get().keySet().containsAll(passwords.keySet()));
    }

    /** As kafka-init.sh does with kafka-acls.sh, line by line. */
    private static void applyAcls(Admin admin) throws Exception {
        List<AclBinding> acls = new ArrayList<>();
        for (String line : Files.readAllLines(DEPLOY.resolve("acls.txt"))) {
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            String[] fields = line.strip().split("\\s+");
            // Read as kafka-acls.sh reads its options: operations by SecurityUtils, the rest case-insensitively.
            AclBinding acl = new AclBinding(new ResourcePattern(ResourceType.fromString(fields[2]), fields[4],
                    PatternType.fromString(fields[3].toUpperCase(Locale.ROOT))),
                    new AccessControlEntry(fields[0], "*", SecurityUtils.operation(fields[1]), AclPermissionType.ALLOW));
            assertThat(acl.isUnknown()).as("understood: " + line).isFalse();
            acls.add(acl);
        }
        admin.createAcls(acls).all().get();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                admin.describeAcls(AclBindingFilter.ANY).values().get().containsAll(acls));
    }

    /** As the operator chooses them (docs/operations.md): letters and digits. */
    private static String password() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }
}
