package de.participation.web.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which bearer tokens a service accepts: those of {@code issuer}, verified with the keys at
 * {@code jwkSetUri} (an identity provider such as Keycloak) or with the PEM public key at
 * {@code publicKeyLocation} (the embedded stack's local issuer). One of the two must be set;
 * without it the service does not start, so that it is never left open by accident.
 */
@ConfigurationProperties("participation.security")
public record TokenProperties(
        String issuer,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue("") String publicKeyLocation) {
}
