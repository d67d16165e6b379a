package id.netra.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RegionNamesTest {
    private final RegionNames names = RegionNames.bundled();

    private String code(String typed) {
        return names.read(typed).code();
    }

    @Test
    void readsACodeAFullNameAndTheUsualShortFormsOfRegencyAndProvince() {
        assertThat(code("32.73")).isEqualTo("32.73");
        assertThat(code("  kota   BANDUNG ")).isEqualTo("32.73");
        assertThat(code("Kab. Bandung")).isEqualTo("32.04");
        assertThat(code("kab bandung barat")).isEqualTo("32.17");
        assertThat(code("Kodya Bandung")).isEqualTo("32.73");
        assertThat(code("Kota Adm. Jakarta Pusat")).isEqualTo("31.71");
        assertThat(code("Provinsi Lampung")).isEqualTo("18");
        assertThat(code("Prov. Jawa Barat")).isEqualTo("32");
    }

    @Test
    void readsAProvincesEverydayAbbreviation() {
        assertThat(code("Jabar")).isEqualTo("32");
        assertThat(code("SUMUT")).isEqualTo("12");
        assertThat(code("ntb")).isEqualTo("52");
        assertThat(code("DKI")).isEqualTo("31");
        assertThat(code("Babel")).isEqualTo("19");
    }

    @Test
    void readsARegencyWithoutItsKindOnlyWhenNoOtherIsCalledSo() {
        assertThat(code("Metro")).isEqualTo("18.72");
        assertThat(code("Jakarta Pusat")).isEqualTo("31.71");
        // A province and its capital city share a name: the province (which holds the city) is meant.
        assertThat(code("Bengkulu")).isEqualTo("17");
    }

    @Test
    void offersTheRegionsANameCouldMeanInsteadOfChoosingOne() {
        RegionNames.Reading bandung = names.read("Bandung");

        assertThat(bandung.code()).isNull();
        // Called exactly so first (the regency and the city), then the other names with the word.
        assertThat(bandung.suggestions()).startsWith("Kabupaten Bandung", "Kota Bandung").contains("Kabupaten Bandung Barat");
        assertThat(names.read("pekalongan").suggestions()).containsExactly("Kabupaten Pekalongan", "Kota Pekalongan");
        assertThat(names.read("Atlantis")).isEqualTo(new RegionNames.Reading(null, java.util.List.of()));
        assertThat(names.read("a").suggestions()).hasSize(8);
    }
}
