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
            "::ffff:10.1.2.3", "::ffff:169.254.169.254", "64:ff9b::a9fe:a9fe"})
    void blocksInternalAddresses(String literal) throws UnknownHostException {
        assertThat(AddressGuard.isBlocked(InetAddress.getByName(literal))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "103.10.20.30", "100.63.255.255", "100.128.0.1", "172.15.0.1",
            "172.32.0.1", "192.167.1.1", "169.253.1.1", "223.255.255.255", "2001:4860:4860::8888",
            "2404:6800:4003:c00::64", "::ffff:8.8.8.8"})
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
            assertThatThrownBy(() -> AddressGuard.check(URI.create(url), policy))
                    .isInstanceOfSatisfying(FetchException.class, e -> {
                        assertThat(e.kind()).isEqualTo(FetchException.Kind.BLOCKED_ADDRESS);
                        assertThat(e.getMessage()).contains(url);
                    });
            assertThatCode(() -> AddressGuard.check(URI.create(url), policy.withAllowPrivate(true))).doesNotThrowAnyException();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://example.org/a", "file:///etc/passwd", "mailto:a@example.org", "/relative/path",
            "http:///no-host"})
    void refusesAddressesThatAreNotHttpWithAHost(String url) {
        assertThatThrownBy(() -> AddressGuard.check(URI.create(url), HttpPolicy.defaults().withAllowPrivate(true)))
                .isInstanceOfSatisfying(FetchException.class, e -> {
                    assertThat(e.kind()).isEqualTo(FetchException.Kind.BAD_URL);
                    assertThat(e.getMessage()).contains(url);
                });
    }
}
