package de.participation.query.web;

import de.participation.web.security.Roles;
import de.participation.web.security.TokenAuthentication;
import de.participation.web.security.TokenDecoderConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may read what (README, role matrix): organisers their own meetings, registrations and waiting
 * lists; the portal one registration at a time. Every request needs a valid bearer token, except
 * the health check.
 */
@Configuration(proxyBeanMethods = false)
@Import(TokenDecoderConfiguration.class)
class WebSecurityConfiguration {

    @Bean
    SecurityFilterChain readApi(HttpSecurity http) throws Exception {
        String portal = Roles.authority(Roles.PORTAL);
        String organiser = Roles.authority(Roles.ORGANISER);
        return TokenAuthentication.filterChain(http, requests -> requests
                .requestMatchers(HttpMethod.GET, "/api/v1/meetings", "/api/v1/meetings/**").hasAuthority(organiser)
                .requestMatchers(HttpMethod.GET, "/api/v1/registrations/*").hasAnyAuthority(portal, organiser));
    }
}
