package de.participation.query.web;

import de.participation.query.dashboard.ContentSecurityPolicy;
import de.participation.query.dashboard.DashboardProperties;
import de.participation.web.security.Roles;
import de.participation.web.security.TokenAuthentication;
import de.participation.web.security.TokenDecoderConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

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

    /**
     * The dashboard's headers on every answer ({@link ContentSecurityPolicy}; the API's JSON is
     * not a page, and the policy costs it nothing): no sniffing of content types, no referrer, no
     * framing.
     */
    @Bean
    SecurityFilterChain readApi(HttpSecurity http, DashboardProperties dashboard) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(policy -> policy.policyDirectives(ContentSecurityPolicy.of(dashboard)))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                .contentTypeOptions(Customizer.withDefaults())
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny));
        String portal = Roles.authority(Roles.PORTAL);
        String organiser = Roles.authority(Roles.ORGANISER);
        String operator = Roles.authority(Roles.OPERATOR);
        String dataProtection = Roles.authority(Roles.DATA_PROTECTION);
        return TokenAuthentication.filterChain(http, requests -> requests
                .requestMatchers(HttpMethod.GET, "/dashboard", "/dashboard/**").permitAll()
                .requestMatchers(HttpMethod.POST, ContentSecurityPolicy.REPORTS).permitAll()
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
                .requestMatchers(HttpMethod.POST, "/api/v1/admin/personal-data-scans").hasAuthority(dataProtection)
                .requestMatchers(HttpMethod.GET, "/api/v1/admin/personal-data-scans")
                .hasAnyAuthority(dataProtection, Roles.authority(Roles.AUDITOR))
                .requestMatchers("/api/v1/admin/**").hasAuthority(operator)
                .requestMatchers("/api/v1/webhooks", "/api/v1/webhooks/**").hasAnyAuthority(portal, organiser, operator)
                .requestMatchers(HttpMethod.GET, "/api/v1/registrations/*").hasAnyAuthority(portal, organiser));
    }
}
