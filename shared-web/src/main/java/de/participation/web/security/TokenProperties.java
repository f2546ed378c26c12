package de.participation.web.security;

import de.participation.web.settings.RequiredSetting;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.util.List;

/**
 * Which bearer tokens a service accepts: those of {@code issuer} for {@code audience} (this
 * system: a token the same issuer made for another application is refused), verified with the
 * keys at {@code jwkSetUri} (an identity provider such as Keycloak) or with the PEM public key at
 * {@code publicKeyLocation} (the embedded stack's local issuer). Issuer, audience and one of the
 * two keys must be set; without them the service does not start, so that it is never left open by
 * accident.
 */
@ConfigurationProperties("participation.security")
public record TokenProperties(
        String issuer,
        String audience,
        @DefaultValue("") String jwkSetUri,
        @DefaultValue("") String publicKeyLocation) {

    /** What each service checks before it starts ({@code RequiredSettingsCheck}): no default for either. */
    public static final List<RequiredSetting> REQUIRED = List.of(
            new RequiredSetting("participation.security.issuer", "TOKEN_ISSUER", "the issuer whose tokens it trusts"),
            new RequiredSetting("participation.security.audience", "TOKEN_AUDIENCE",
                    "the audience its tokens must be made for"));
}
