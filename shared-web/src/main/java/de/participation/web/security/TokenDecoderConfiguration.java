package de.participation.web.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The token decoder both services use, from {@link TokenProperties}; imported by each service's security configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenDecoderConfiguration {

    /**
     * No observation (span and timer) per Spring Security filter, authentication and authorization:
     * with the actuator present they wrapped each of a dozen filters in every request and cost more
     * CPU than the command behind them. Requests stay measured as a whole (http.server.requests).
     */
    @Bean
    static SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    @Bean
    JwtDecoder jwtDecoder(TokenProperties properties) {
        return TokenAuthentication.decoder(properties);
    }
}
