package id.netra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BearerTokenTest {
    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void acceptsOnlyTheExactTokenAsABearerCredential() {
        BearerToken t = BearerToken.of(SECRET, "ingest.api-token");

        assertThat(t.matchesHeader("Bearer " + SECRET)).isTrue();
        assertThat(t.matchesHeader("bearer " + SECRET)).isTrue();
        assertThat(t.matchesHeader("Bearer " + SECRET + "x")).isFalse();
        assertThat(t.matchesHeader("Bearer " + SECRET.substring(1))).isFalse();
        assertThat(t.matchesHeader("Basic " + SECRET)).isFalse();
        assertThat(t.matchesHeader(null)).isFalse();
        assertThat(t.toString()).doesNotContain(SECRET);
    }

    @Test
    void refusesAShortOrSpacedTokenNamingTheKey() {
        assertThatThrownBy(() -> BearerToken.of("short", "ingest.api-token")).hasMessageContaining("ingest.api-token");
        assertThatThrownBy(() -> BearerToken.of("0123456789 abcdef0123", "k")).hasMessageContaining("without spaces");
    }
}
