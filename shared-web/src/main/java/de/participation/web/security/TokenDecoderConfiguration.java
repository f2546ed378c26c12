package de.participation.web.security;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/** The token decoder both services use, from {@link TokenProperties}; imported by each service's security configuration. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
public class TokenDecoderConfiguration {

    @Bean
    JwtDecoder jwtDecoder(TokenProperties properties) {
        return TokenAuthentication.decoder(properties);
    }
}
