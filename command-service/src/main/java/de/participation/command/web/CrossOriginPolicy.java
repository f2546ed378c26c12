package de.participation.command.web;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

import java.time.Duration;
import java.util.List;

/**
 * The browser's cross-origin rules for the command API. Only the meeting commands an organiser
 * gives from the dashboard are open to other origins, with the headers those requests carry; the
 * token travels in {@code Authorization}, never in a cookie, so credentials stay off.
 */
final class CrossOriginPolicy {

    private static final List<String> DASHBOARD_PATHS = List.of("/api/v1/meetings/*/capacity",
            "/api/v1/meetings/*/details", "/api/v1/meetings/*/registration/close",
            "/api/v1/meetings/*/registration/open", "/api/v1/meetings/*/cancel",
            "/api/v1/meetings/*/registrations/*/check-in", "/api/v1/meetings/*/registrations/*/cancel");
    /** Browsers ask again (a preflight request) after this long at the latest. */
    private static final Duration PREFLIGHT_REMEMBERED = Duration.ofMinutes(10);

    private CrossOriginPolicy() {
    }

    static CorsConfigurationSource of(CrossOriginProperties properties) {
        CorsConfiguration configuration = new CorsConfiguration();
        configuration.setAllowedOrigins(List.copyOf(properties.allowedOrigins()));
        configuration.setAllowedMethods(List.of(HttpMethod.POST.name(), HttpMethod.PUT.name(),
                HttpMethod.DELETE.name()));
        configuration.setAllowedHeaders(List.of(HttpHeaders.AUTHORIZATION, HttpHeaders.CONTENT_TYPE));
        configuration.setAllowCredentials(false);
        configuration.setMaxAge(PREFLIGHT_REMEMBERED);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        DASHBOARD_PATHS.forEach(path -> source.registerCorsConfiguration(path, configuration));
        return source;
    }
}
