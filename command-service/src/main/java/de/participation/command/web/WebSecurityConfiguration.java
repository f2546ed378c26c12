package de.participation.command.web;

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
 * Who may send which command (docs/api.md, "Who may do what"): the portal registers, cancels, gives seats
 * back and answers offers; organisers schedule and run meetings and check people in at the door,
 * and the Meeting itself refuses an organiser of another organisation; organisers of the meeting
 * and operators erase personal data; whoever may read participants (portal, organisers, auditors)
 * may have them opened; the data protection officer scans for what is left of a person, and
 * auditors read the trail of those scans; operators rotate the key-encryption key. Every request
 * needs a valid bearer token, except the health check. Browsers may send the dashboard's commands
 * from the origins {@link CrossOriginPolicy} allows.
 */
@Configuration(proxyBeanMethods = false)
@Import(TokenDecoderConfiguration.class)
class WebSecurityConfiguration {

    @Bean
    SecurityFilterChain commandApi(HttpSecurity http, CrossOriginProperties crossOrigin) throws Exception {
        http.cors(cors -> cors.configurationSource(CrossOriginPolicy.of(crossOrigin)));
        String portal = Roles.authority(Roles.PORTAL);
        String organiser = Roles.authority(Roles.ORGANISER);
        String dataProtection = Roles.authority(Roles.DATA_PROTECTION);
        return TokenAuthentication.filterChain(http, requests -> requests
                .requestMatchers(HttpMethod.POST, "/api/v1/meetings/*/registrations/*/cancel")
                .hasAnyAuthority(portal, organiser)
                .requestMatchers(HttpMethod.POST, "/api/v1/meetings/*/registrations",
                        "/api/v1/meetings/*/registrations/*/offer/accept",
                        "/api/v1/meetings/*/registrations/*/offer/decline").hasAuthority(portal)
                .requestMatchers(HttpMethod.PUT, "/api/v1/meetings/*/registrations/*/seats").hasAuthority(portal)
                .requestMatchers(HttpMethod.POST, "/api/v1/meetings", "/api/v1/meetings/*/registration/close",
                        "/api/v1/meetings/*/registration/open", "/api/v1/meetings/*/cancel").hasAuthority(organiser)
                .requestMatchers(HttpMethod.PUT, "/api/v1/meetings/*/capacity", "/api/v1/meetings/*/details")
                .hasAuthority(organiser)
                .requestMatchers("/api/v1/meetings/*/registrations/*/check-in").hasAuthority(organiser)
                .requestMatchers(HttpMethod.POST, "/api/v1/registrations/*/erasure")
                .hasAnyAuthority(organiser, Roles.authority(Roles.OPERATOR))
                .requestMatchers(HttpMethod.POST, "/api/v1/personal-data/open")
                .hasAnyAuthority(portal, organiser, Roles.authority(Roles.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/v1/personal-data/email-hashes", PersonalDataScanController.PATH)
                .hasAuthority(dataProtection)
                .requestMatchers(HttpMethod.GET, PersonalDataScanController.PATH)
                .hasAnyAuthority(dataProtection, Roles.authority(Roles.AUDITOR))
                .requestMatchers(HttpMethod.POST, "/api/v1/admin/key-encryption-keys/rewrap")
                .hasAuthority(Roles.authority(Roles.OPERATOR))
                .requestMatchers(HttpMethod.GET, "/api/v1/admin/key-encryption-keys")
                .hasAuthority(Roles.authority(Roles.OPERATOR)));
    }
}
