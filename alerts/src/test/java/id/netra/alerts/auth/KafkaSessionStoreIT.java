package id.netra.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.embedded.EmbeddedKafkaExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sessions in a Kafka topic: opened on one instance, valid on another and after a restart, closed everywhere. */
class KafkaSessionStoreIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private final MutableClock clock = new MutableClock();
    private final User ana = new User("ana", Role.ANALYST, Jurisdiction.NATIONAL, PasswordHash.hash("x".toCharArray(), 10), null);
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private KafkaSessionStore store(String topic, String instance) {
        KafkaSessionStore s = new KafkaSessionStore(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), topic, instance).start();
        open.add(s);
        return s;
    }

    private Sessions sessions(SessionStore store) {
        return new Sessions(Duration.ofHours(8), clock, store, name -> name.equals("ana") ? Optional.of(ana) : Optional.empty());
    }

    @Test
    void aSessionOpenedOnOneInstanceIsValidOnAnotherAndAfterARestartUntilLogout() {
        String topic = KAFKA.uniqueName("alerts-sessions");
        Sessions a = sessions(store(topic, "a"));
        Sessions b = sessions(store(topic, "b"));

        Session s = a.open(ana);

        await().atMost(Duration.ofSeconds(30)).until(() -> b.find(s.token()).isPresent());
        Session onB = b.find(s.token()).orElseThrow();
        assertThat(onB.user()).isEqualTo(ana);
        assertThat(Sessions.csrfMatches(onB, s.csrfToken())).isTrue();
        assertThat(sessions(store(topic, "a-restarted")).find(s.token())).as("read at start").isPresent();

        b.close(onB);

        await().atMost(Duration.ofSeconds(30)).until(() -> a.find(s.token()).isEmpty());
        assertThat(sessions(store(topic, "a-again")).find(s.token())).isEmpty();
    }

    @Test
    void keepsTheHashOfTheTokenNeverTheTokenAndEndsAnIdleSessionEverywhere() {
        String topic = KAFKA.uniqueName("alerts-sessions");
        Sessions a = sessions(store(topic, "a"));
        Sessions b = sessions(store(topic, "b"));
        Session s = a.open(ana);
        await().atMost(Duration.ofSeconds(30)).until(() -> b.peek(s.token()).isPresent());

        clock.advance(Duration.ofHours(9));

        assertThat(b.find(s.token())).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(() -> records(topic).stream().anyMatch(r -> r.value() == null));
        assertThat(records(topic)).allSatisfy(r -> {
            assertThat(r.key()).isEqualTo(Sessions.hash(s.token())).doesNotContain(s.token());
            if (r.value() != null) {
                assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain(s.token()).contains("\"user\":\"ana\"");
            }
        });
    }

    private static List<ConsumerRecord<String, byte[]>> records(String topic) {
        List<ConsumerRecord<String, byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> c = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KAFKA.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition tp = new TopicPartition(topic, 0);
            c.assign(List.of(tp));
            c.seekToBeginning(List.of(tp));
            long end = c.endOffsets(List.of(tp)).get(tp);
            while (c.position(tp) < end) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
        }
        return out;
    }
}
