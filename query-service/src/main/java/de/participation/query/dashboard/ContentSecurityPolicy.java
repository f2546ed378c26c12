package de.participation.query.dashboard;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The dashboard's Content Security Policy: scripts, styles and images from this service alone, no
 * inline script, requests only to this service, the command API and the issuer's token endpoint,
 * and never inside a frame. Together with the static files holding no inline script or style, a
 * script injected into the page through a name or a title can neither run nor send the token away.
 * Browsers report what it blocked to {@link CspViolationReports}.
 */
public final class ContentSecurityPolicy {

    /** Where browsers report violations ({@link CspViolationReports}); public, as reports carry no token. */
    public static final String REPORTS = "/dashboard/csp-reports";

    private ContentSecurityPolicy() {
    }

    public static String of(DashboardProperties dashboard) {
        Set<String> connect = new LinkedHashSet<>();
        connect.add("'self'");
        Stream.of(dashboard.commandApi(), dashboard.tokenEndpoint()).filter(url -> !url.isBlank())
                .map(ContentSecurityPolicy::origin).forEach(connect::add);
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "connect-src " + String.join(" ", connect) + "; form-action 'self'; base-uri 'none'; "
                + "frame-ancestors 'none'; report-uri " + REPORTS;
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
