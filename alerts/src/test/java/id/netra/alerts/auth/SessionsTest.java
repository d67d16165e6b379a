package id.netra.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SessionsTest {
    private final MutableClock clock = new MutableClock();
    private final Sessions sessions = new Sessions(Duration.ofHours(8), clock);
    private final User ana = new User("ana", Role.ANALYST, Jurisdiction.NATIONAL, PasswordHash.hash("x".toCharArray(), 10), null);

    @Test
    void issues256BitTokensThatDifferPerSession() {
        Session a = sessions.open(ana);
        Session b = sessions.open(ana);

        assertThat(Base64.getUrlDecoder().decode(a.token())).hasSize(32);
        assertThat(a.token()).isNotEqualTo(b.token());
        assertThat(a.csrfToken()).isNotEqualTo(a.token()).isNotEqualTo(b.csrfToken());
        assertThat(sessions.find(a.token())).containsSame(a);
        assertThat(sessions.find("nope")).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
    }

    @Test
    void closesASessionIdleLongerThanTheTimeoutButNotOneInUse() {
        Session used = sessions.open(ana);
        Session idle = sessions.open(ana);

        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofHours(3));
            assertThat(sessions.find(used.token())).isPresent();
        }

        assertThat(sessions.find(idle.token())).isEmpty();
        assertThat(sessions.isOpen(idle)).isFalse();
    }

    @Test
    void forgetsALoggedOutSessionAndChecksTheCsrfToken() {
        Session s = sessions.open(ana);

        assertThat(Sessions.csrfMatches(s, s.csrfToken())).isTrue();
        assertThat(Sessions.csrfMatches(s, s.token())).isFalse();
        assertThat(Sessions.csrfMatches(s, null)).isFalse();
        sessions.close(s);
        assertThat(sessions.find(s.token())).isEmpty();
    }
}
