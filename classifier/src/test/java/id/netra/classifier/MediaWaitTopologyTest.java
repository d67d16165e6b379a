package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.DeadLetter;
import id.netra.model.JsonSerde;
import id.netra.model.MediaText;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Watchlist;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A post with pictures waits in the production topology for the text read in them ({@link MediaWait}): decided once with
 * it when it comes in time, without it when it does not (OCR down never holds the feed), and again, as an edit with its
 * own id, when it comes late.
 */
class MediaWaitTopologyTest {
    private static final ClassifierTopology.TopicNames TOPICS = ClassifierTopology.TopicNames.defaults();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Instant T0 = Instant.parse("2024-11-10T02:00:00Z");

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Post> posts;
    private TestInputTopic<String, MediaText> mediaTexts;
    private TestInputTopic<String, byte[]> rawMediaTexts;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        ClassifierConfig config = new ClassifierConfig("test-classifier", stateDir, TOPICS, Map.of("bootstrap.servers", "unused:9092"));
        driver = new TopologyTestDriver(ClassifierTopology.build(TOPICS, Lexicons.current(), ClassifierMeters.none(), WAIT, Duration.ofDays(7)),
                config.streamsProperties(), T0);
        StringSerializer keys = new StringSerializer();
        posts = driver.createInputTopic(TOPICS.posts(), keys, new JsonSerde<>(Post.class));
        mediaTexts = driver.createInputTopic(TOPICS.mediaText(), keys, new JsonSerde<>(MediaText.class));
        rawMediaTexts = driver.createInputTopic(TOPICS.mediaText(), keys, new ByteArraySerializer());
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(), new JsonSerde<>(Alert.class));
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new StringDeserializer(), new JsonSerde<>(DeadLetter.class));
        driver.createInputTopic(TOPICS.watchlist(), keys, new JsonSerde<>(Watchlist.class))
                .pipeInput(Fixtures.WATCHLIST.version(), Fixtures.WATCHLIST, T0.minus(Duration.ofDays(30)));
        driver.createInputTopic(TOPICS.registry(), keys, new JsonSerde<>(AsnRecord.class))
                .pipeInput(Fixtures.RUDI.nip(), Fixtures.RUDI, T0.minus(Duration.ofDays(30)));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private static Post worded() {
        Post p = PicturesTest.POSTER;
        return new Post(p.platform(), "DCworded1", p.url(), p.author(), "Ayo dukung Bagus Wirawan!", p.publishedAt(), PostKind.POST, null, null,
                p.media());
    }

    @Test
    void aPosterWhoseTextComesInTimeGivesOneAlertPointingAtThePicture() {
        Post post = PicturesTest.POSTER;
        posts.pipeInput(post.key(), post, T0);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(alerts.isEmpty()).as("the post waits for its pictures' text").isTrue();

        mediaTexts.pipeInput(post.key(), PicturesTest.read(post, 0, "COBLOS NOMOR 1", "Bagus Wirawan"), T0.plusSeconds(6));

        Alert a = alerts.readValue();
        assertThat(a.id()).isEqualTo(Alert.idFor(post.versionKey(), Fixtures.WATCHLIST.version(), a.registryVersion()));
        assertThat(a.evidence()).extracting(Alert.Evidence::field).containsOnly("media[0].ocr");
        driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void withoutAMediaTextThePostIsDecidedWithoutItAndAgainWhenItComesLate() {
        Post post = worded();
        posts.pipeInput(post.key(), post, T0);
        driver.advanceWallClockTime(WAIT.plusSeconds(1));
        assertThat(alerts.isEmpty()).as("no media text seen yet: the wait is over only twice").isTrue();
        driver.advanceWallClockTime(WAIT);

        Alert first = alerts.readValue();
        assertThat(first.evidence()).extracting(Alert.Evidence::field).containsOnlyNulls();
        assertThat(first.mediaText()).isNull();

        mediaTexts.pipeInput(post.key(), PicturesTest.read(post, 0, "COBLOS NOMOR 1"), T0.plus(Duration.ofMinutes(10)));
        Alert edit = alerts.readValue();
        assertThat(edit.id()).isEqualTo(Alert.idFor(post.versionKey() + "#media", first.watchlistVersion(), first.registryVersion()))
                .isNotEqualTo(first.id());
        assertThat(edit.evidence()).extracting(Alert.Evidence::field).contains("media[0].ocr");
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void aMediaTextRecordedAfterTheWaitIsReadAsAnEditEvenWhenItIsProcessedFirst() {
        Post post = PicturesTest.POSTER;
        posts.pipeInput(post.key(), post, T0);

        mediaTexts.pipeInput(post.key(), PicturesTest.read(post, 0, "COBLOS NOMOR 1"), T0.plus(WAIT).plusSeconds(1));

        // Decided without (nothing: a bland caption), then with it under the edit id: the same as netra replay derives.
        Alert edit = alerts.readValue();
        assertThat(edit.id()).isEqualTo(Alert.idFor(post.versionKey() + "#media", edit.watchlistVersion(), edit.registryVersion()));
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void aMediaTextSeenAfterTheDeadlineEndsTheWaitOfOthers() {
        Post waiting = worded();
        posts.pipeInput(waiting.key(), waiting, T0);
        Post other = PicturesTest.POSTER;
        posts.pipeInput(other.key(), other, T0.plusSeconds(20));
        mediaTexts.pipeInput(other.key(), PicturesTest.read(other, 0, "Selamat pagi"), T0.plus(WAIT).plusSeconds(5));

        driver.advanceWallClockTime(WAIT.plusSeconds(1));

        assertThat(alerts.readValue().postId()).isEqualTo(waiting.postId());
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void aPostWithoutPicturesIsDecidedAtOnce() {
        Post plain = Fixtures.post(id.netra.model.Platform.FACEBOOK, "DCplain1", "rudi.hartono", "Ayo dukung Bagus Wirawan!");
        posts.pipeInput(plain.key(), plain, T0);

        assertThat(alerts.readValue().postId()).isEqualTo("DCplain1");
    }

    @Test
    void sendsAnUnreadableMediaTextToTheDeadLetterTopicAndGoesOn() {
        rawMediaTexts.pipeInput("facebook:DCposter1", "{\"postKey\":".getBytes(StandardCharsets.UTF_8), T0);
        Post plain = Fixtures.post(id.netra.model.Platform.FACEBOOK, "DCplain2", "rudi.hartono", "Ayo dukung Bagus Wirawan!");
        posts.pipeInput(plain.key(), plain, T0.plusSeconds(1));

        DeadLetter dead = deadLetters.readValue();
        assertThat(dead.origin()).startsWith(TOPICS.mediaText() + "-0@");
        assertThat(dead.reason()).contains("MediaText");
        assertThat(alerts.readValuesToList()).extracting(Alert::postId).isEqualTo(List.of("DCplain2"));
    }
}
