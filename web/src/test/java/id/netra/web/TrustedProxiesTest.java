package id.netra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrustedProxiesTest {
    private final TrustedProxies proxies = TrustedProxies.parse("10.0.0.5, 172.18.0.0/16, ::1", "alerts.trusted-proxies");

    @Test
    void ignoresForwardedForFromAPeerThatIsNoTrustedProxy() {
        assertThat(proxies.clientAddress("203.0.113.7", "198.51.100.1")).isEqualTo("203.0.113.7");
        assertThat(TrustedProxies.NONE.clientAddress("10.0.0.5", "198.51.100.1")).isEqualTo("10.0.0.5");
    }

    @Test
    void takesTheRightMostUntrustedHopFromATrustedProxy() {
        assertThat(proxies.clientAddress("10.0.0.5", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("172.18.3.4", "1.2.3.4, 198.51.100.1, 172.18.0.9")).as("a client-written first entry is not believed")
                .isEqualTo("198.51.100.1");
        assertThat(proxies.clientAddress("::1", "198.51.100.1")).isEqualTo("198.51.100.1");
    }

    @Test
    void keepsThePeerWhenTheHeaderIsMissingOrNotAnAddress() {
        assertThat(proxies.clientAddress("10.0.0.5", null)).isEqualTo("10.0.0.5");
        assertThat(proxies.clientAddress("10.0.0.5", "unknown")).isEqualTo("10.0.0.5");
    }

    @Test
    void refusesNamesAndBadRangesWithTheKey() {
        assertThatThrownBy(() -> TrustedProxies.parse("proxy.internal", "alerts.trusted-proxies"))
                .hasMessageContaining("alerts.trusted-proxies").hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33", "k")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> TrustedProxies.parse("300.1.1.1", "k")).hasMessageContaining("not an IP address");
    }
}
