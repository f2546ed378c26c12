package de.participation.query.web;

import de.participation.web.security.Roles;
import de.participation.web.security.TokenAuthentication;
import de.participation.web.security.TokenProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read what (README, role matrix): organisers their own meetings, registrations and waiting
 * lists; the portal one registration at a time. Every request needs a valid bearer token, except
 * the health check.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenProperties.class)
class WebSecurityConfiguration {

    @Bean
    SecurityFilterChain readApi(HttpSecurity http) throws Exception {
        String portal = Roles.PORTAL.toUpperCase();
        String organiser = Roles.ORGANISER.toUpperCase();
        return TokenAuthentication.filterChain(http, requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/v1/meetings", "/api/v1/meetings/**").hasRole(organiser)
                .requestMatchers(HttpMethod.GET, "/api/v1/registrations/*").hasAnyRole(portal, organiser));
    }

    @Bean
    JwtDecoder jwtDecoder(TokenProperties properties) {
        return TokenAuthentication.decoder(properties);
    }
}
