package id.netra.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Regions;
import org.junit.jupiter.api.Test;

class JurisdictionTest {
    private static Jurisdiction of(String s) {
        return Jurisdiction.parse(s, Regions.bundled());
    }

    @Test
    void aNationalUserSeesEveryRegionAndCasesWithoutOne() {
        assertThat(of("national").covers("18.72")).isTrue();
        assertThat(of("NATIONAL").covers("31.71")).isTrue();
        assertThat(of("national").covers(null)).isTrue();
    }

    @Test
    void aProvinceUserSeesTheProvinceAndItsRegenciesOnly() {
        Jurisdiction lampung = of("18");

        assertThat(lampung.covers("18")).isTrue();
        assertThat(lampung.covers("18.72")).isTrue();
        assertThat(lampung.covers("18.01")).isTrue();
        assertThat(lampung.covers("17.71")).isFalse();
        assertThat(lampung.covers("11.18")).isFalse();
        assertThat(lampung.covers(null)).isFalse();
        assertThat(lampung.covers("")).isFalse();
    }

    @Test
    void aRegencyUserSeesThatRegencyOnly() {
        Jurisdiction metro = of("18.72");

        assertThat(metro.covers("18.72")).isTrue();
        assertThat(metro.covers("18.71")).isFalse();
        assertThat(metro.covers("18")).isFalse();
        assertThat(metro.covers("18.7")).isFalse();
    }

    @Test
    void refusesAnUnknownRegionCode() {
        assertThatThrownBy(() -> of("99")).hasMessageContaining("jurisdiction '99' is neither 'national' nor a Kemendagri");
        assertThatThrownBy(() -> of(null)).isInstanceOf(IllegalArgumentException.class);
        assertThat(of("18").label(Regions.bundled())).isEqualTo("Lampung (18)");
        assertThat(Jurisdiction.NATIONAL.label(Regions.bundled())).isEqualTo("nasional");
    }
}
