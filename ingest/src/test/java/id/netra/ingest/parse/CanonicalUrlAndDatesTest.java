package id.netra.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CanonicalUrlAndDatesTest {

    @Test
    void canonicalUrlDropsTrackingFragmentsAndDefaultPortsButKeepsRealParameters() {
        assertThat(CanonicalUrl.of("HTTPS://Kabar.Example:443/berita/1?utm_source=fb&id=7&fbclid=abc#komentar").toString())
                .isEqualTo("https://kabar.example/berita/1?id=7");
        assertThat(CanonicalUrl.of("http://kabar.example").toString()).isEqualTo("http://kabar.example/");
        assertThat(CanonicalUrl.of("http://kabar.example:8080/a?gclid=1").toString()).isEqualTo("http://kabar.example:8080/a");
        assertThatThrownBy(() -> CanonicalUrl.of("javascript:alert(1)")).hasMessageContaining("not an absolute http(s) address");
    }

    @Test
    void resolvesAQueryOnlyLinkAgainstThePagesPath() {
        java.net.URI page = java.net.URI.create("https://forum.example/u/rudi_h?page=1");

        assertThat(CanonicalUrl.resolve(page, "?page=2").toString()).isEqualTo("https://forum.example/u/rudi_h?page=2");
        assertThat(CanonicalUrl.resolve(page, "/p/9").toString()).isEqualTo("https://forum.example/p/9");
        assertThat(CanonicalUrl.resolve(page, "../x").toString()).isEqualTo("https://forum.example/x");
    }

    @Test
    void readsIsoRfc822AndIndonesianTimesWithTheirOffsets() {
        assertThat(Dates.parse("2024-11-12T19:05:00+07:00")).isEqualTo(OffsetDateTime.parse("2024-11-12T19:05:00+07:00"));
        assertThat(Dates.parse("Tue, 12 Nov 2024 19:05:00 +0700")).isEqualTo(OffsetDateTime.parse("2024-11-12T19:05:00+07:00"));
        assertThat(Dates.parse("12 November 2024 19:05 WIB")).isEqualTo(OffsetDateTime.parse("2024-11-12T19:05:00+07:00"));
        assertThat(Dates.parse("Selasa, 12 Nov 2024 | 19.05 WITA")).isEqualTo(OffsetDateTime.parse("2024-11-12T19:05:00+08:00"));
        assertThat(Dates.parse("3 Agustus 2024 pukul 08.00 WIT")).isEqualTo(OffsetDateTime.parse("2024-08-03T08:00:00+09:00"));
    }

    @Test
    void doesNotGuessATimeWithoutZoneNorAcceptImpossibleDates() {
        assertThat(Dates.parse("2024-11-12 19:05")).isNull();
        assertThat(Dates.parse("31 Februari 2024 10:00 WIB")).isNull();
        assertThat(Dates.parse("kemarin sore")).isNull();
    }
}
