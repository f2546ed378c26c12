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
 * Who may read what (docs/api.md, "Who may do what"): organisers their own meetings, registrations and waiting
 * lists; operators every meeting's numbers and capacity streams, but no participants; auditors the
 * history and past state of every meeting; operators also the projection's status and rebuild; the portal
 * one registration at a time; the portal, organisers and operators their webhook subscriptions
 * ({@code de.participation.query.webhooks} narrows each to its own). Every request needs a valid bearer token, except the health check
 * and the dashboard's static files (the page signs in itself).
 */
@Configuration(proxyBeanMethods = false)
@Import(TokenDecoderConfiguration.class)
class WebSecurityConfiguration {

    @Bean
    SecurityFilterChain readApi(HttpSecurity http) throws Exception {
        String portal = Roles.authority(Roles.PORTAL);
        String organiser = Roles.authority(Roles.ORGANISER);
        String operator = Roles.authority(Roles.OPERATOR);
        return TokenAuthentication.filterChain(http, requests -> requests
                .requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard/**").permitAll()
                .requestMatchers(HttpMethod.GET, "/api/v1/meetings", "/api/v1/meetings/*",
                        "/api/v1/meetings/capacity/stream", "/api/v1/meetings/*/capacity/stream",
                        "/api/v1/meetings/*/activity")
                .hasAnyAuthority(organiser, operator)
                .requestMatchers(HttpMethod.GET, "/api/v1/meetings/*/calendar.ics")
                .hasAnyAuthority(portal, organiser, operator)
                .requestMatchers(HttpMethod.GET, "/api/v1/meetings/*/registrations.csv")
                .hasAnyAuthority(organiser, Roles.authority(Roles.AUDITOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/meetings/**").hasAuthority(organiser)
                .requestMatchers(HttpMethod.GET, "/api/v1/audit/**").hasAuthority(Roles.authority(Roles.AUDITOR))
                .requestMatchers("/api/v1/admin/**").hasAuthority(operator)
                .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasAnyAuthority(portal, organiser, operator)
                .requestMatchers(HttpMethod.GET, "/api/v1/registrations/*").hasAnyAuthority(portal, organiser));
    }
}
