package id.netra.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardAndCharsetTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254", "100.64.0.1",
            "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "::ffff:10.0.0.1"})
    void refusesInternalAddresses(String address) throws Exception {
        assertThat(AddressGuard.blocked(InetAddress.getByName(address))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "103.10.20.30", "172.32.0.1", "100.128.0.1", "2001:4860:4860::8888"})
    void allowsPublicAddresses(String address) throws Exception {
        assertThat(AddressGuard.blocked(InetAddress.getByName(address))).isFalse();
    }

    @Test
    void readsLatin1LabelsAsWindows1252AndFindsMetaAndXmlDeclarations() {
        byte[] cp1252 = {(byte) 0x93, 'h', 'i', (byte) 0x94};
        assertThat(CharsetSniffer.detect("text/html; charset=ISO-8859-1", cp1252)).isEqualTo(CharsetSniffer.WINDOWS_1252);
        assertThat(CharsetSniffer.detect("text/html", "<html><head><meta charset=\"windows-1252\">".getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(CharsetSniffer.WINDOWS_1252);
        assertThat(CharsetSniffer.detect(null, "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><rss/>".getBytes(StandardCharsets.US_ASCII)).name())
                .isEqualTo("ISO-8859-15");
        assertThat(CharsetSniffer.detect(null, "Café".getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CharsetSniffer.detect(null, cp1252)).isEqualTo(CharsetSniffer.WINDOWS_1252);
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2024-11-12T12:00:00Z");
        assertThat(RetryAfter.parse("120", now)).isEqualTo(Instant.parse("2024-11-12T12:02:00Z"));
        assertThat(RetryAfter.parse("Tue, 12 Nov 2024 12:05:00 GMT", now)).isEqualTo(Instant.parse("2024-11-12T12:05:00Z"));
        assertThat(RetryAfter.parse("soon", now)).isNull();
    }
}
