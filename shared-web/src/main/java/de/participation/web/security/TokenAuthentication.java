package de.participation.web.security;

import de.participation.web.ProblemWriter;
import org.springframework.core.convert.converter.Converter;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How both services turn a bearer token into a caller: the decoder that verifies signature,
 * issuer, audience and expiry; the roles (from {@code roles}, or Keycloak's {@code realm_access.roles});
 * the caller's name (recorded as {@code issuedBy}); and the problem responses for 401 and 403.
 */
public final class TokenAuthentication {

    /** The claim naming the organisation an organiser acts for. */
    public static final String ORGANISATION = "organisation";
    /** Verified tokens remembered at most (each for its remaining lifetime). */
    private static final long REMEMBERED_TOKENS = 10_000;

    private TokenAuthentication() {
    }

    public static JwtDecoder decoder(TokenProperties properties) {
        if (properties.issuer() == null || properties.issuer().isBlank()) {
            throw new IllegalStateException("participation.security.issuer must name the trusted token issuer");
        }
        NimbusJwtDecoder decoder;
        if (!properties.jwkSetUri().isBlank()) {
            decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri()).build();
        } else if (!properties.publicKeyLocation().isBlank()) {
            decoder = NimbusJwtDecoder.withPublicKey(publicKey(properties.publicKeyLocation())).build();
        } else {
            throw new IllegalStateException("Set participation.security.jwk-set-uri or public-key-location to verify tokens");
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(new JwtTimestampValidator(),
                new JwtIssuerValidator(properties.issuer()), audienceValidator(properties.audience())));
        return new RememberingJwtDecoder(decoder, REMEMBERED_TOKENS, Clock.systemUTC());
    }

    /** Only tokens made for this system: {@code aud} must name {@code audience}. */
    private static OAuth2TokenValidator<Jwt> audienceValidator(String audience) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("participation.security.audience must name this system's token audience");
        }
        return new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                claimed -> claimed != null && claimed.contains(audience));
    }

    /**
     * The security filter chain of a service's API: stateless, bearer tokens only, the health check
     * and the API description open, {@code endpointRules} for the API, and anything else for any authenticated caller
     * (so that unknown paths still answer 404 or 405 to them).
     */
    public static SecurityFilterChain filterChain(HttpSecurity http, Customizer<
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry> endpointRules)
            throws Exception {
        return http
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll();
                    // The API description holds no data, only what docs/api.md says: open, like the docs
                    // (docs/openapi.md), so that a client generator can fetch it without a token.
                    requests.requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs.yaml").permitAll();
                    // Metrics name no person and no meeting, but show the load: a monitoring client or an operator.
                    requests.requestMatchers("/actuator/prometheus")
                            .hasAnyAuthority(Roles.authority(Roles.MONITORING), Roles.authority(Roles.OPERATOR));
                    endpointRules.customize(requests);
                    requests.anyRequest().authenticated();
                })
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authenticationConverter()))
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .exceptionHandling(failures -> failures
                        .authenticationEntryPoint(unauthenticated())
                        .accessDeniedHandler(forbidden()))
                .build();
    }

    public static Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        return jwt -> new JwtAuthenticationToken(jwt, authorities(jwt), callerName(jwt));
    }

    /** The organisation an organiser's token acts for, or null. */
    public static String organisationOf(Jwt jwt) {
        String organisation = jwt.getClaimAsString(ORGANISATION);
        return organisation == null || organisation.isBlank() ? null : organisation;
    }

    public static AuthenticationEntryPoint unauthenticated() {
        return (request, response, failure) -> {
            response.setHeader("WWW-Authenticate", "Bearer");
            ProblemWriter.write(response, HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED",
                    "A valid bearer token is required");
        };
    }

    public static AccessDeniedHandler forbidden() {
        return (request, response, denied) -> ProblemWriter.write(response, HttpStatus.FORBIDDEN, "FORBIDDEN",
                "Your role does not allow this");
    }

    private static Collection<GrantedAuthority> authorities(Jwt jwt) {
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles == null) {
            Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
            Object realmRoles = realmAccess == null ? null : realmAccess.get("roles");
            roles = realmRoles instanceof Collection<?> list ? list.stream().map(String::valueOf).toList() : List.of();
        }
        return roles.stream().<GrantedAuthority>map(role -> new SimpleGrantedAuthority(Roles.authority(role))).toList();
    }

    private static String callerName(Jwt jwt) {
        return Stream.of(jwt.getClaimAsString("preferred_username"), jwt.getClaimAsString("client_id"), jwt.getSubject())
                .filter(name -> name != null && !name.isBlank())
                .findFirst().orElse("unknown");
    }

    private static RSAPublicKey publicKey(String location) {
        try (InputStream in = new DefaultResourceLoader().getResource(location).getInputStream()) {
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the token public key at " + location, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an RSA public key in PEM at " + location, e);
        }
    }
}
