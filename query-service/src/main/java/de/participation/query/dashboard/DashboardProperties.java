package de.participation.query.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the dashboard page signs in and sends commands. It signs in at an OAuth 2.0 authorization server that supports the code flow
 * with PKCE for a public client (Keycloak in docker-compose, the local issuer's sign-in in the
 * embedded stack).
 *
 * @param authorizationEndpoint where the browser is sent to sign in; empty: sign-in not configured
 * @param tokenEndpoint         where the page exchanges the code for an access token
 * @param endSessionEndpoint    where signing out ends the issuer's session too (OpenID Connect
 *                              RP-initiated logout); empty: signing out forgets only the token
 * @param clientId              the public client the page signs in as
 * @param commandApi            the command service's base URL as the browser reaches it, where the
 *                              page sends the organiser's commands; empty: the page only watches
 */
@ConfigurationProperties("participation.dashboard")
public record DashboardProperties(
        @DefaultValue("") String authorizationEndpoint,
        @DefaultValue("") String tokenEndpoint,
        @DefaultValue("") String endSessionEndpoint,
        @DefaultValue("participation-tools") String clientId,
        @DefaultValue("") String commandApi) {
}
