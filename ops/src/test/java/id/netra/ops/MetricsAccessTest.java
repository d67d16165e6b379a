package id.netra.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsAccessTest {
    private static final String TOKEN = "0123456789abcdef0123";

    @Test
    void withoutATokenOnlyLoopbackClientsAreAnswered() {
        MetricsAccess access = MetricsAccess.from(Settings.of(Map.of()));

        assertThat(access.decide("127.0.0.1", null)).isEqualTo(MetricsAccess.Decision.ALLOWED);
        assertThat(access.decide("127.8.9.1", null)).isEqualTo(MetricsAccess.Decision.ALLOWED);
        assertThat(access.decide("[0:0:0:0:0:0:0:1]", null)).isEqualTo(MetricsAccess.Decision.ALLOWED);
        assertThat(access.decide("192.0.2.7", null)).isEqualTo(MetricsAccess.Decision.LOOPBACK_ONLY);
        assertThat(access.decide("10.0.0.3", "Bearer anything")).isEqualTo(MetricsAccess.Decision.LOOPBACK_ONLY);
        assertThat(access.decide("localhost", null)).as("a name is not a peer address").isEqualTo(MetricsAccess.Decision.LOOPBACK_ONLY);
        assertThat(access.decide(null, null)).isEqualTo(MetricsAccess.Decision.LOOPBACK_ONLY);
    }

    @Test
    void aLoopbackRequestForwardedByAProxyOnTheSameHostIsNotLocal() {
        MetricsAccess access = MetricsAccess.loopbackOnly();

        assertThat(access.decide("127.0.0.1", null, true)).isEqualTo(MetricsAccess.Decision.LOOPBACK_ONLY);
        assertThat(access.decide("127.0.0.1", null, false)).isEqualTo(MetricsAccess.Decision.ALLOWED);
        assertThat(MetricsAccess.token(TOKEN).decide("127.0.0.1", "Bearer " + TOKEN, true)).isEqualTo(MetricsAccess.Decision.ALLOWED);
    }

    @Test
    void withATokenEveryClientNeedsIt() {
        MetricsAccess access = MetricsAccess.from(Settings.of(Map.of("management.token", TOKEN)));

        assertThat(access.decide("127.0.0.1", null)).as("loopback is no exception").isEqualTo(MetricsAccess.Decision.NEEDS_TOKEN);
        assertThat(access.decide("192.0.2.7", "Bearer wrong-token-wrong-token")).isEqualTo(MetricsAccess.Decision.NEEDS_TOKEN);
        assertThat(access.decide("192.0.2.7", "Basic " + TOKEN)).isEqualTo(MetricsAccess.Decision.NEEDS_TOKEN);
        assertThat(access.decide("192.0.2.7", "Bearer " + TOKEN)).isEqualTo(MetricsAccess.Decision.ALLOWED);
        assertThat(access.decide("192.0.2.7", "bearer " + TOKEN)).isEqualTo(MetricsAccess.Decision.ALLOWED);
    }

    @Test
    void readsTheTokenFromAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("token"), TOKEN + "\n");
        MetricsAccess access = MetricsAccess.from(Settings.of(Map.of("management.token-file", file.toString())));

        assertThat(access.tokenRequired()).isTrue();
        assertThat(access.decide("192.0.2.7", "Bearer " + TOKEN)).isEqualTo(MetricsAccess.Decision.ALLOWED);
    }

    @Test
    void refusesAShortTokenOrAMissingFileNamingTheKey(@TempDir Path dir) {
        assertThatThrownBy(() -> MetricsAccess.from(Settings.of(Map.of("management.token", "short"))))
                .hasMessageContaining("management.token");
        assertThatThrownBy(() -> MetricsAccess.from(Settings.of(Map.of("management.token-file", dir.resolve("none").toString()))))
                .hasMessageContaining("management.token-file");
    }
}
