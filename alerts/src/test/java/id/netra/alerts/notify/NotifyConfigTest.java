package id.netra.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NotifyConfigTest {
    @Test
    void isOffWithoutSmtpServerOrRoutingFile() {
        assertThat(NotifyConfig.from(Settings.of(Map.of()), Map.of())).isNull();
    }

    @Test
    void usesTheDefaultPolicyWithAnSmtpServer() {
        NotifyConfig c = NotifyConfig.from(Settings.of(Map.of("alerts.smtp.host", "mail.example.org", "alerts.smtp.from", "netra@bawaslu.example",
                "alerts.smtp.password", "hunter2hunter2", "alerts.smtp.username", "netra", "alerts.notify.supervisor-on-high", "true",
                "alerts.notify.retry-initial", "PT1S")), Map.of());

        assertThat(c.smtp().port()).isEqualTo(587);
        assertThat(c.smtp().starttls()).isTrue();
        assertThat(c.smtp().domain()).isEqualTo("bawaslu.example");
        assertThat(c.smtp().toString()).doesNotContain("hunter2");
        assertThat(c.routing().routes()).extracting(RoutingConfig.Route::name).contains("confirmed-to-supervisor", "new-high-to-supervisor");
        assertThat(c.retryInitial()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.publicUrl()).hasToString("http://localhost:8080");
        assertThat(c.notificationsTopic().name()).isEqualTo("notifications");
    }

    @Test
    void refusesARoutingThatSendsMailWithoutAnSmtpServer(@TempDir Path dir) throws Exception {
        Path routing = Files.writeString(dir.resolve("routing.yml"), "routes:\n  - event: confirmed\n    receivers: [supervisor]\n");

        assertThatThrownBy(() -> NotifyConfig.from(Settings.of(Map.of("alerts.routing", routing.toString())), Map.of()))
                .hasMessageContaining("'alerts.smtp.host' is required");
    }

    @Test
    void namesTheWrongKey() {
        assertThatThrownBy(() -> NotifyConfig.from(Settings.of(Map.of("alerts.smtp.host", "h", "alerts.smtp.starttls", "maybe")), Map.of()))
                .hasMessageContaining("alerts.smtp.starttls");
        assertThatThrownBy(() -> NotifyConfig.from(Settings.of(Map.of("alerts.smtp.host", "h", "alerts.smtp.from", "netra")), Map.of()))
                .hasMessageContaining("alerts.smtp.from");
    }
}
