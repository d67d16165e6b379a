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

    @Test
    void readsProfileAddresses() {
        assertThat(Account.parse("https://twitter.com/Rudi_H/status/1")).isEqualTo(new Account(Platform.X, "Rudi_H"));
        assertThat(Account.parse("m.facebook.com/profile.php?id=100012345678&ref=x")).isEqualTo(new Account(Platform.FACEBOOK, "100012345678"));
        assertThat(Account.parse("https://www.tiktok.com/@rudi.h")).isEqualTo(new Account(Platform.TIKTOK, "@rudi.h"));
        assertThat(Account.parse("mastodon:https://mastodon.social/@rudi")).isEqualTo(new Account(Platform.MASTODON, "rudi@mastodon.social"));
        assertThat(Account.parse("https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv")).isEqualTo(new Account(Platform.YOUTUBE, "UCabcdefghijklmnopqrstuv"));
    }

    @Test
    void refusesAnAddressOfAnotherPlatform() {
        assertThatThrownBy(() -> Account.parse("instagram:https://x.com/rudi")).hasMessageContaining("not a instagram profile");
        assertThatThrownBy(() -> Account.parse("https://x.com/")).hasMessageContaining("names no profile");
    }

    @Test
    void checksTheSpellingOfAHandleOnItsPlatform() {
        assertThat(Account.parse("x:@rudi_h").syntaxProblem()).isEmpty();
        assertThat(Account.parse("x:rudi.h").syntaxProblem()).isPresent();
        assertThat(Account.parse("instagram:rudi.hartono_77").syntaxProblem()).isEmpty();
        assertThat(Account.parse("facebook:rudi").syntaxProblem()).isPresent();
        assertThat(Account.parse("mastodon:rudi@mastodon.social").syntaxProblem()).isEmpty();
    }
}
