package id.netra.alerts.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Notification;
import id.netra.model.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingFileTest {
    private static final Map<String, String> ENV = Map.of("HOOK_SECRET", "0123456789abcdef-secret");

    @Test
    void readsTheShippedExampleWithSecretsFromTheEnvironment() {
        RoutingConfig c = RoutingConfig.read(Path.of("../routing.example.yml"), ENV);

        assertThat(c.routes()).extracting(RoutingConfig.Route::name)
                .contains("confirmed-to-supervisor", "high-digest-to-region-office");
        assertThat(c.receivers().get("bawaslu-office").officeFor("18.72")).hasValue("kota-metro@bawaslu.example");
        assertThat(c.receivers().get("bawaslu-office").officeFor("18.01")).hasValue("lampung@bawaslu.example");
        assertThat(c.secretFor("https://hooks.example.org/netra")).hasValue("0123456789abcdef-secret");
        assertThat(c.sendsEmail()).isTrue();
    }

    @Test
    void readsDurationsSeveritiesRegionsAndDefaults() {
        RoutingConfig c = RoutingFile.parse("""
                groupWait: 30s
                repeatInterval: PT2H
                receivers:
                  ops:
                    emails: [ops@example.org]
                routes:
                  - event: new-high-alert
                    minSeverity: high
                    regions: ["18"]
                    receivers: [ops]
                  - name: confirmed
                    event: confirmed
                    receivers: [supervisor]
                    groupWait: 0s
                """, "r.yml", Map.of());

        RoutingConfig.Route first = c.routes().getFirst();
        assertThat(first.name()).isEqualTo("route-1");
        assertThat(first.groupWait()).isEqualTo(Duration.ofSeconds(30));
        assertThat(first.repeatInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(first.matches(Trigger.NEW_HIGH_ALERT, Severity.HIGH, "18.72")).isTrue();
        assertThat(first.matches(Trigger.NEW_HIGH_ALERT, Severity.HIGH, "31.71")).isFalse();
        assertThat(first.matches(Trigger.CONFIRMED, Severity.HIGH, "18.72")).isFalse();
        assertThat(c.routes().get(1).groupWait()).isZero();
        assertThat(c.recipients("supervisor", NotifyFixtures.RUDI))
                .containsExactly(new Notification.Recipient(Notification.Channel.EMAIL, "sutomo@example.go.id"));
    }

    @Test
    void reportsEveryProblemWithItsLine() {
        String yaml = """
                receivers:
                  ops:
                    emails: [not-an-address]
                    webhooks:
                      - url: ftp://hooks.example.org
                        secret: ${MISSING_SECRET}
                routes:
                  - event: confirm
                    receivers: [opz]
                  - event: confirmed
                    receivers: []
                    groupWait: soon
                    regions: ["77.77"]
                    colour: red
                """;

        assertThatThrownBy(() -> RoutingFile.parse(yaml, "routing.yml", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("routing.yml: not a valid routing file")
                .hasMessageContaining("routing.yml:3: receivers.ops.emails[0]: 'not-an-address' is not an e-mail address")
                .hasMessageContaining("routing.yml:5: receivers.ops.webhooks[0].url: 'ftp://hooks.example.org' is not an absolute http(s) URL")
                .hasMessageContaining("routing.yml:6: receivers.ops.webhooks[0].secret: environment variable MISSING_SECRET is not set")
                .hasMessageContaining("routing.yml:8: routes[0].event: unknown event 'confirm' (confirmed or new-high-alert)")
                .hasMessageContaining("routing.yml:9: routes[0].receivers[0]: no receiver 'opz'")
                .hasMessageContaining("routing.yml:11: routes[1].receivers: a list of at least one receiver is required")
                .hasMessageContaining("routing.yml:12: routes[1].groupWait: 'soon' is not a duration")
                .hasMessageContaining("routing.yml:13: routes[1].regions[0]: '77.77' is not a Kemendagri region code")
                .hasMessageContaining("routing.yml:14: routes[1].colour: unknown key");
    }

    @Test
    void reportsBrokenYamlWithItsLine() {
        assertThatThrownBy(() -> RoutingFile.parse("routes:\n  - event: confirmed\n   receivers: [x\n", "r.yml", Map.of()))
                .hasMessageStartingWith("r.yml:3: not valid YAML");
    }

    @Test
    void refusesAFileWithoutRoutesAndTheBuiltInReceiverRedefined() {
        assertThatThrownBy(() -> RoutingFile.parse("receivers:\n  supervisor:\n    emails: [a@b.org]\n", "r.yml", Map.of()))
                .hasMessageContaining("r.yml:2: receivers.supervisor: 'supervisor' is built in")
                .hasMessageContaining("r.yml:1: routes: a list of at least one route is required");
    }

    @Test
    void namesAMissingFile(@org.junit.jupiter.api.io.TempDir Path dir) {
        assertThatThrownBy(() -> RoutingConfig.read(dir.resolve("nope.yml"), Map.of())).hasMessageContaining("nope.yml: no such routing file");
        assertThat(Files.exists(dir)).isTrue();
    }
}
