package de.participation.query.webhooks;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Keeps receivers off the service's own infrastructure (server-side request forgery): a
 * subscription URL must be http or https, and every address its host resolves to must be public:
 * not loopback, link-local (cloud metadata services), private, carrier-grade NAT, unique-local,
 * unspecified or multicast, unless the operator allows that network
 * ({@code participation.webhooks.allowed-targets}). The host is checked when subscribing and again
 * before every attempt, because its DNS entry may change in between.
 */
@Component
class TargetGuard {

    private static final List<IpAddressMatcher> ALWAYS_INTERNAL = Arrays.stream(new String[]{
            "0.0.0.0/8", "100.64.0.0/10", "192.0.0.0/24", "198.18.0.0/15", "fc00::/7"})
            .map(IpAddressMatcher::new).toList();

    private final List<IpAddressMatcher> allowed;

    TargetGuard(WebhookProperties properties) {
        this.allowed = properties.allowedTargets().stream().map(IpAddressMatcher::new).toList();
    }

    /** Why the service must not call this URL; empty if it may. */
    Optional<String> refusal(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
            return Optional.of("must be an http or https URL");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            return Optional.of("must name a host, without user information or fragment");
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(url.getHost()))
                    .filter(address -> internal(address) && allowed.stream().noneMatch(network -> network.matches(address.getHostAddress())))
                    .findFirst()
                    .map(address -> "must not point at a loopback, link-local or private address (" + address.getHostAddress() + ")");
        } catch (UnknownHostException unknown) {
            return Optional.of("names a host that cannot be resolved");
        }
    }

    private static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || ALWAYS_INTERNAL.stream().anyMatch(network -> network.matches(address.getHostAddress()));
    }
}
