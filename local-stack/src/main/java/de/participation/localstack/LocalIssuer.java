package de.participation.localstack;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The token issuer of the embedded stack only: an RSA key pair kept in a directory under DATA_DIR,
 * whose public key the services are told to trust when run-local.sh starts them. It lets a
 * newcomer get a bearer token for any role ({@code ./run-local.sh token organiser SMWA}) without an
 * identity provider. Never part of docker-compose or a production configuration, which trust a
 * real issuer (Keycloak) instead.
 */
public final class LocalIssuer {

    public static final String ISSUER = "urn:participation:local-issuer";
    /** The audience both services require: the tokens of this issuer are made for this system. */
    public static final String AUDIENCE = "participation";
    static final Duration LIFETIME = Duration.ofHours(8);

    private final NimbusJwtEncoder encoder;
    private final Path publicKeyFile;

    private LocalIssuer(KeyPair keys, Path publicKeyFile) {
        RSAKey key = new RSAKey.Builder((RSAPublicKey) keys.getPublic()).privateKey((RSAPrivateKey) keys.getPrivate())
                .keyID("local").build();
        this.encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
        this.publicKeyFile = publicKeyFile;
    }

    /** The issuer whose keys live in {@code directory}, created there on first use. */
    public static LocalIssuer in(Path directory) {
        try {
            Path privateKey = directory.resolve("private-key.pem");
            Path publicKey = directory.resolve("public-key.pem");
            if (!Files.exists(privateKey)) {
                Files.createDirectories(directory);
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                writePem(privateKey, "PRIVATE KEY", keys.getPrivate().getEncoded());
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
                writePem(publicKey, "PUBLIC KEY", keys.getPublic().getEncoded());
            }
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            KeyPair keys = new KeyPair(rsa.generatePublic(new X509EncodedKeySpec(readPem(publicKey))),
                    rsa.generatePrivate(new PKCS8EncodedKeySpec(readPem(privateKey))));
            return new LocalIssuer(keys, publicKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create or read the local issuer's keys in " + directory, e);
        }
    }

    /** The PEM file the services verify tokens with. */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A token for {@code role} (and, for organisers, their {@code organisation}), valid for eight hours. */
    public String token(String role, String organisation) {
        String subject = organisation == null ? role + "-local" : role + "-" + organisation.toLowerCase();
        return token(subject, List.of(role), organisation, Instant.now(), LIFETIME);
    }

    public String token(String subject, List<String> roles, String organisation, Instant issuedAt, Duration lifetime) {
        return token(subject, roles, organisation, issuedAt, lifetime, List.of(AUDIENCE));
    }

    /** A token for {@code audience} (none if empty): the tests of the services' audience check ask for others. */
    public String token(String subject, List<String> roles, String organisation, Instant issuedAt, Duration lifetime,
                        List<String> audience) {
        JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(subject)
                .id(UUID.randomUUID().toString())
                .issuedAt(issuedAt)
                .expiresAt(issuedAt.plus(lifetime))
                .claim("roles", roles);
        if (!audience.isEmpty()) {
            claims.audience(audience);
        }
        if (organisation != null) {
            claims.claim("organisation", organisation);
        }
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
                .getTokenValue();
    }

    /** {@code token <role> [organisation]}: prints a token of the issuer under DATA_DIR. */
    public static void main(String[] args) {
        if (args.length < 2 || !args[0].equals("token")) {
            throw new IllegalArgumentException("usage: token <portal|organiser|auditor|operator|data-protection|monitoring> [organisation]");
        }
        String dataDirectory = System.getenv().getOrDefault("DATA_DIR", ".data");
        LocalIssuer issuer = in(Path.of(dataDirectory).resolve("issuer"));
        System.out.println(issuer.token(args[1], args.length > 2 ? args[2] : null));
    }

    private static void writePem(Path file, String type, byte[] der) throws IOException {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        Files.writeString(file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
    }

    private static byte[] readPem(Path file) throws IOException {
        String pem = Files.readString(file).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(pem);
    }
}
