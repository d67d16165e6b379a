package id.netra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaIT {

    private static final String TOPIC = "restart-survivor";

    @TempDir
    Path dataDir;

    @Test
    void keepsClusterTopicsAndRecordsAcrossRestart() throws Exception {
        String clusterId;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
             Admin admin = TestClients.admin(kafka.bootstrapServers());
             KafkaProducer<String, String> producer = TestClients.producer(kafka.bootstrapServers(), Map.of())) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get();
            producer.send(new ProducerRecord<>(TOPIC, "a", "first")).get();
            producer.send(new ProducerRecord<>(TOPIC, "b", "second")).get();
            clusterId = admin.describeCluster().clusterId().get();
        }

        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
             Admin admin = TestClients.admin(kafka.bootstrapServers())) {
            assertThat(admin.describeCluster().clusterId().get()).isEqualTo(clusterId);
            assertThat(admin.listTopics().names().get()).contains(TOPIC);
            assertThat(TestClients.consume(kafka.bootstrapServers(), TOPIC, 2))
                    .extracting(ConsumerRecord::value)
                    .containsExactlyInAnyOrder("first", "second");
        }
    }

    @Test
    void closeReturnsOnceStoppedAndIsIdempotent() {
        EmbeddedKafka kafka = EmbeddedKafka.start(dataDir, 0);
        String port = kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1);

        kafka.close();
        kafka.close();

        // The listener is gone: the same port can be taken again right away.
        Ports.requireFree(Integer.parseInt(port));
        assertThat(kafka.dataDir()).isEqualTo(dataDir.toAbsolutePath().normalize());
    }
}
