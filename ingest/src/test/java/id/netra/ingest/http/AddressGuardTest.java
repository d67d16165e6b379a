package id.netra.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressGuardTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255",
            "172.16.0.1", "172.31.255.254", "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1",
            "100.127.255.254", "224.0.0.1", "239.255.255.250", "255.255.255.255", "240.0.0.1",
            "::1", "::", "fe80::1", "fc00::1", "fd12:3456:789a::1", "ff02::1", "::ffff:127.0.0.1",
            "::ffff:10.1.2.3", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe",
            // special-purpose ranges (IANA registries) beyond private and loopback
            "192.0.0.1", "192.0.0.170", "192.0.2.10", "192.88.99.1", "198.18.0.1", "198.19.255.254", "198.51.100.7",
            "203.0.113.9", "240.1.2.3", "250.0.0.1", "239.1.2.3",
            "2002::1", "2002:c0a8:0101::1", "2002:0808:0808::1", "64:ff9b:1::1", "64:ff9b:1:ffff::1", "100::1", "2001::1",
            "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:2::1", "2001:10::1", "2001:20::1", "2001:db8::1", "3fff::1",
            "5f00::1", "fec0::1", "ff0e::1", "::10.0.0.1"})
    void blocksInternalAddresses(String literal) throws UnknownHostException {
        assertThat(AddressGuard.isBlocked(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "103.10.20.30", "100.63.255.255", "100.128.0.1", "172.15.0.1",
            "172.32.0.1", "192.167.1.1", "169.253.1.1", "223.255.255.255", "2001:4860:4860::8888",
            "2404:6800:4003:c00::64", "::ffff:8.8.8.8", "192.0.1.1", "192.1.0.1", "198.17.255.255", "198.20.0.1",
            "64:ff9b::808:808", "64:ff9b:2::1", "2003::1", "2001:4860::1", "223.1.1.1"})
    void letsPublicAddressesThrough(String literal) throws UnknownHostException {
        assertThat(AddressGuard.isBlocked(InetAddress.getByName(literal))).isFalse();
    }

    @Test
    void blocksAnIpv4MappedAddressTheJdkKeptAsIpv6() throws UnknownHostException {
        byte[] mapped = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 192, (byte) 168, 0, 1};
        InetAddress address = Inet6Address.getByAddress(null, mapped, -1);

        assertThat(address).isInstanceOf(Inet6Address.class);
        assertThat(AddressGuard.isBlocked(address)).isTrue();
    }

    @Test
    void refusesLoopbackHostsUnlessPrivateAddressesAreAllowed() {
        HttpPolicy policy = HttpPolicy.defaults();

        for (String url : new String[] {"http://127.0.0.1:8080/", "http://localhost/", "https://[::1]/x",
                "http://169.254.169.254/latest/meta-data/"}) {
            assertThatThrownBy(() -> AddressGuard.check(URI.create(url), policy, HostResolver.SYSTEM))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
                        assertThat(e.getMessage()).contains(url);
                    });
            assertThatCode(() -> AddressGuard.check(URI.create(url), policy.withAllowPrivate(true), HostResolver.SYSTEM)).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/a", "file:///etc/passwd", "mailto:a@example.org", "/relative/path",
            "http:///no-host"})
    void refusesAddressesThatAreNotHttpWithAHost(String url) {
        assertThatThrownBy(() -> AddressGuard.check(URI.create(url), HttpPolicy.defaults().withAllowPrivate(true), HostResolver.SYSTEM))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_URL);
                    assertThat(e.getMessage()).contains(url);
                });
    }
}
