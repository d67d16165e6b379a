package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {
    @Test
    void environmentOverridesTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("netra.properties");
        Files.writeString(file, "kafka.bootstrap.servers=file:9092\nhttp.port=8081\nkafka.acks=all\n");

        Settings s = Settings.load(file, Map.of("KAFKA_BOOTSTRAP_SERVERS", "env:9092", "NETRA_HTTP_PORT", "9090", "HOME", "/root"));

        assertThat(s.required(Settings.BOOTSTRAP_SERVERS)).isEqualTo("env:9092");
        assertThat(s.integer("http.port", 8080)).isEqualTo(9090);
        assertThat(s.kafka()).containsEntry("bootstrap.servers", "env:9092").containsEntry("acks", "all").hasSize(2);
        assertThat(s.asMap()).doesNotContainKey("home");
    }

    @Test
    void environmentSetsKeysWithHyphensToo(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("netra.properties");
        Files.writeString(file, "ingest.user-agent=from-file\ningest.reload-interval=PT9S\n");

        Settings s = Settings.load(file, Map.of("NETRA_INGEST_USER_AGENT", "NetraBot/1 (+https://bawaslu.example/netra)"));

        assertThat(s.string("ingest.user-agent", null)).isEqualTo("NetraBot/1 (+https://bawaslu.example/netra)");
        assertThat(s.duration("ingest.reload-interval", null)).isEqualTo(Duration.ofSeconds(9));
    }

    @Test
    void namesTheKeyAndItsVariableWhenRequiredIsMissing() {
        assertThatThrownBy(() -> Settings.of(Map.of()).required(Settings.BOOTSTRAP_SERVERS))
                .hasMessageContaining("kafka.bootstrap.servers").hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void parsesDurationsAsIsoOrMillis() {
        Settings s = Settings.of(Map.of("a", "PT2S", "b", "1500", "c", "soon"));

        assertThat(s.duration("a", Duration.ZERO)).hasSeconds(2);
        assertThat(s.duration("b", Duration.ZERO)).hasMillis(1500);
        assertThatThrownBy(() -> s.duration("c", Duration.ZERO)).hasMessageContaining("'c'");
    }

    @Test
    void rejectsANonNumericInteger() {
        assertThatThrownBy(() -> Settings.of(Map.of("http.port", "eighty")).integer("http.port", 8080))
                .hasMessageContaining("http.port").hasMessageContaining("eighty");
    }
}
