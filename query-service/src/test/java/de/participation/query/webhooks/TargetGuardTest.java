package de.participation.query.webhooks;

import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The addresses the service never calls, and some public ones it does, by URL and by the client's resolver. */
class TargetGuardTest {

    private final TargetGuard guard = new TargetGuard(new WebhookProperties("", List.of(), Duration.ofSeconds(10),
            Duration.ofSeconds(1), 256, 2, List.of(), 50, Duration.ofDays(30)), SystemDefaultDnsResolver.INSTANCE);

    @ParameterizedTest
    @ValueSource(strings = {
            "127.0.0.1", "10.0.0.7", "172.16.0.1", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
            "192.0.0.8", "198.18.0.1", "224.0.0.1",
            "240.0.0.1", "255.255.255.255",                      // reserved, broadcast
            "[::1]", "[::]", "[fe80::1]", "[fd00::1]", "[ff02::1]",
            "[::ffff:127.0.0.1]",                                // IPv4-mapped
            "[::127.0.0.1]",                                     // IPv4-compatible
            "[64:ff9b::7f00:1]", "[64:ff9b::a00:7]",            // NAT64 of 127.0.0.1, of 10.0.0.7
            "[64:ff9b:1::a00:7]",                                // NAT64 for local use
            "[2002:7f00:1::1]", "[2002:5db8:d70e::1]",           // 6to4
            "[2001:0:4136:e378:8000:63bf:3fff:fdd2]"})           // Teredo
    void refusesInternalReservedAndTranslatedAddresses(String address) {
        assertThat(guard.refusal(URI.create("https://" + address + "/hook")))
                .hasValueSatisfying(refusal -> assertThat(refusal).startsWith("must not point at"));
        assertThatThrownBy(() -> guard.resolver().resolve(address)).isInstanceOf(UnknownHostException.class)
                .hasMessageStartingWith("must not point at");
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.215.14", "8.8.8.8", "[2606:4700:4700::1111]", "[2a00:1450:4001:80b::200e]",
            "[64:ff9b::5db8:d70e]"}) // NAT64 of 93.184.215.14
    void letsPublicAddressesThrough(String address) throws UnknownHostException {
        assertThat(guard.refusal(URI.create("https://" + address + "/hook"))).isEmpty();
        assertThat(guard.resolver().resolve(address)).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/", "http://user:secret@93.184.215.14/", "http://93.184.215.14/#part"})
    void refusesOtherSchemesUserInformationAndFragments(String url) {
        assertThat(guard.refusal(URI.create(url))).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "[::1]"})
    void letsThroughOnlyTheNetworksTheOperatorAllows(String address) {
        TargetGuard allowingLoopback = new TargetGuard(new WebhookProperties("", List.of(), Duration.ofSeconds(10),
                Duration.ofSeconds(1), 256, 2, List.of("127.0.0.0/8", "::1/128"), 50, Duration.ofDays(30)),
                SystemDefaultDnsResolver.INSTANCE);
        assertThat(allowingLoopback.refusal(URI.create("http://" + address + ":8080/hook"))).isEmpty();
        assertThat(allowingLoopback.refusal(URI.create("http://10.0.0.7/hook"))).isPresent();
    }
}
