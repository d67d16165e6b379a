package id.netra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import kafka.server.KafkaConfig;
import org.junit.jupiter.api.Test;

class BrokerConfigTest {

    private static final Path DATA_DIR = Path.of("/tmp/netra-kafka");

    @Test
    void usesOnlyConfigKeysKafkaKnows() {
        Map<String, String> props = BrokerConfig.of(DATA_DIR, 9092, 9093);

        // Kafka ignores unknown keys with a log line; a typo here would silently keep a default.
        assertThat(KafkaConfig.configDef().names()).containsAll(props.keySet());
    }

    @Test
    void isAValidCombinedNodeConfig() {
        KafkaConfig config = new KafkaConfig(BrokerConfig.of(DATA_DIR, 9092, 9093), false);

        assertThat(config.nodeId()).isEqualTo(BrokerConfig.NODE_ID);
        assertThat(config.logDirs()).containsExactly(DATA_DIR.toString());
        assertThat(config.metadataLogDir()).isEqualTo(DATA_DIR.toString());
        assertThat(config.controllerListenerNames()).containsExactly(BrokerConfig.CONTROLLER_LISTENER);
    }

    @Test
    void replicatesInternalTopicsOnlyOnce() {
        Map<String, String> props = BrokerConfig.of(DATA_DIR, 9092, 9093);

        assertThat(props).containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1");
    }

    @Test
    void advertisesTheBrokerPortAndVotesOnTheControllerPort() {
        Map<String, String> props = BrokerConfig.of(DATA_DIR, 9092, 9093);

        assertThat(props).containsEntry("advertised.listeners", "PLAINTEXT://localhost:9092")
                .containsEntry("listeners", "PLAINTEXT://localhost:9092,CONTROLLER://localhost:9093")
                .containsEntry("controller.quorum.voters", "1@localhost:9093");
    }
}
