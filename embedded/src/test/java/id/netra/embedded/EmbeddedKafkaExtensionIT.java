package id.netra.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmbeddedKafkaExtensionIT {

    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    @Test
    void readCommittedConsumerSeesCommittedTransactionsOnly() {
        String topic = KAFKA.uniqueName("transactions");
        KAFKA.createTopic(topic, 1, Map.of());
        Map<String, Object> transactional = Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, topic + "-tx");

        try (KafkaProducer<String, String> producer = TestClients.producer(KAFKA.bootstrapServers(), transactional)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k1", "committed-1"));
            producer.send(new ProducerRecord<>(topic, "k2", "committed-2"));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k3", "aborted"));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k4", "committed-3"));
            producer.commitTransaction();
        }

        assertThat(TestClients.consume(KAFKA.bootstrapServers(), topic, 3))
                .extracting(ConsumerRecord::value)
                .containsExactly("committed-1", "committed-2", "committed-3");
    }

    @Test
    void createsTopicWithPartitionsAndConfigs() throws Exception {
        String topic = KAFKA.uniqueName("created");

        KAFKA.createTopic(topic, 4, Map.of("retention.ms", "3600000"));

        TopicDescription description =
                KAFKA.admin().describeTopics(Set.of(topic)).allTopicNames().get().get(topic);
        assertThat(description.partitions()).hasSize(4).allSatisfy(p -> assertThat(p.leader()).isNotNull());
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        Config config = KAFKA.admin().describeConfigs(List.of(resource)).all().get().get(resource);
        assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
    }

    @Test
    void bootstrapServersReachTheSingleBroker() throws Exception {
        try (Admin admin = TestClients.admin(KAFKA.bootstrapServers())) {
            List<Node> nodes = List.copyOf(admin.describeCluster().nodes().get());

            assertThat(nodes).singleElement()
                    .satisfies(node -> assertThat(node.host() + ":" + node.port())
                            .isEqualTo(KAFKA.bootstrapServers()));
        }
    }
}
