package de.participation.query.webhooks;

import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Component;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Keeps receivers off the service's own infrastructure (server-side request forgery): a
 * subscription URL must be http or https, and every address its host resolves to must be public:
 * not loopback, link-local (cloud metadata services), private, carrier-grade NAT, unique-local,
 * reserved, unspecified or multicast, nor an IPv6 address that carries an IPv4 one to a relay
 * (6to4, Teredo, IPv4-compatible, NAT64 for local use), unless the operator allows that network
 * ({@code participation.webhooks.allowed-targets}). An address of NAT64's well-known prefix, which
 * an IPv6-only network's DNS64 gives every IPv4-only receiver, is judged by the IPv4 address in
 * it, the one the translator connects to. The host is checked when subscribing, and the
 * sender's HTTP client resolves names only through {@link #resolver()}: the addresses checked are
 * the ones it connects to, so a name that answers differently the next time (DNS rebinding) gains
 * nothing. A name with any internal address is refused as a whole, not sent to its public ones: it
 * points at a network that is not the receiver's alone. Names are looked up by the system's
 * resolver, or by the {@link DnsResolver} bean where one is defined (the tests' rebinding resolver).
 */
@Component
class TargetGuard {

    private static final List<IpAddressMatcher> ALWAYS_INTERNAL = Stream.of(
                    "0.0.0.0/8",       // "this network"
                    "100.64.0.0/10",   // carrier-grade NAT
                    "192.0.0.0/24",    // IETF protocol assignments
                    "198.18.0.0/15",   // benchmarking
                    "240.0.0.0/4",     // reserved, with the broadcast address
                    "fc00::/7",        // unique-local
                    "::/96",           // IPv4-compatible: the IPv4 address in the last 32 bits
                    "64:ff9b:1::/48",  // NAT64 for local use
                    "2002::/16",       // 6to4: an IPv4 address inside
                    "2001::/32")       // Teredo: an IPv4 address inside
            .map(IpAddressMatcher::new).toList();
    private static final IpAddressMatcher NAT64 = new IpAddressMatcher("64:ff9b::/96");

    static final String UNRESOLVABLE = "names a host that cannot be resolved";

    private final List<IpAddressMatcher> allowed;
    private final DnsResolver names;

    @Autowired
    TargetGuard(WebhookProperties properties, ObjectProvider<DnsResolver> names) {
        this(properties, names.getIfAvailable(() -> SystemDefaultDnsResolver.INSTANCE));
    }

    TargetGuard(WebhookProperties properties, DnsResolver names) {
        this.allowed = properties.allowedTargets().stream().map(IpAddressMatcher::new).toList();
        this.names = names;
    }

    /** Why the service must not call this URL, with the addresses its host has now; empty if it may. */
    Optional<String> refusal(URI url) {
        Optional<String> form = refusalOfForm(url);
        if (form.isPresent()) {
            return form;
        }
        try {
            addressesOf(url.getHost());
            return Optional.empty();
        } catch (RefusedAddress refused) {
            return Optional.of(refused.getMessage());
        } catch (UnknownHostException unknown) {
            return Optional.of(UNRESOLVABLE);
        }
    }

    /** Why the service must not call this URL, whatever its host resolves to; empty if it may. */
    Optional<String> refusalOfForm(URI url) {
        if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
            return Optional.of("must be an http or https URL");
        }
        if (url.getHost() == null || url.getRawUserInfo() != null || url.getRawFragment() != null) {
            return Optional.of("must name a host, without user information or fragment");
        }
        return Optional.empty();
    }

    /** The HTTP client's resolver: it connects only to addresses this guard has checked. */
    DnsResolver resolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return addressesOf(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                return names.resolveCanonicalHostname(host);
            }
        };
    }

    /** The host's addresses, resolved once, each checked; {@link RefusedAddress} if any is internal. */
    private InetAddress[] addressesOf(String host) throws UnknownHostException {
        InetAddress[] addresses = names.resolve(host);
        for (InetAddress address : addresses) {
            if (forbidden(address)) {
                throw new RefusedAddress("must not point at a loopback, link-local, private or reserved address ("
                        + address.getHostAddress() + ")");
            }
        }
        return addresses;
    }

    private boolean forbidden(InetAddress address) throws UnknownHostException {
        if (NAT64.matches(address.getHostAddress())) {
            return forbidden(InetAddress.getByAddress(Arrays.copyOfRange(address.getAddress(), 12, 16)));
        }
        return internal(address) && allowed.stream().noneMatch(network -> network.matches(address.getHostAddress()));
    }

    private static boolean internal(InetAddress address) {
        return address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()
                || ALWAYS_INTERNAL.stream().anyMatch(network -> network.matches(address.getHostAddress()));
    }

    /**
     * A host with an address the service must not call. An {@link UnknownHostException}, because
     * that is what a resolver may throw: the HTTP client then connects nowhere.
     */
    static final class RefusedAddress extends UnknownHostException {

        RefusedAddress(String reason) {
            super(reason);
        }
    }
}
