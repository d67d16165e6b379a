package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountTest {
    @Test
    void ignoresCaseAndLeadingAt() {
        assertThat(Account.lookupKey(Platform.X, "@Rudi_H")).isEqualTo(Account.parse("x:rudi_h").lookupKey());
    }

    @Test
    void ignoresDotsOnFacebookOnly() {
        assertThat(Account.lookupKey(Platform.FACEBOOK, "Rudi.Hartono.77")).isEqualTo("facebook:rudihartono77");
        assertThat(Account.lookupKey(Platform.INSTAGRAM, "rudi.hartono")).isEqualTo("instagram:rudi.hartono");
    }

    @Test
    void keepsPlatformsApart() {
        assertThat(Account.lookupKey(Platform.X, "rudi")).isNotEqualTo(Account.lookupKey(Platform.TIKTOK, "rudi"));
    }

    @Test
    void rejectsAnAccountWithoutPlatform() {
        assertThatThrownBy(() -> Account.parse("rudi_h")).hasMessageContaining("platform:handle");
        assertThatThrownBy(() -> Account.parse("friendster:rudi")).hasMessageContaining("unknown platform");
    }
}
