package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.DeadLetter;
import id.netra.model.JsonSerde;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.Severity;
import id.netra.model.Watchlist;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the production topology with TopologyTestDriver. */
class ClassifierTopologyTest {
    private static final ClassifierTopology.TopicNames TOPICS = ClassifierTopology.TopicNames.defaults();

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, Post> posts;
    private TestInputTopic<String, byte[]> rawPosts;
    private TestInputTopic<String, AsnRecord> registry;
    private TestInputTopic<String, Watchlist> watchlist;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeEach
    void start() {
        ClassifierConfig config = new ClassifierConfig("test-classifier", stateDir, TOPICS, Map.of("bootstrap.servers", "unused:9092"));
        Properties props = config.streamsProperties();
        driver = new TopologyTestDriver(ClassifierTopology.build(TOPICS), props);
        StringSerializer keys = new StringSerializer();
        posts = driver.createInputTopic(TOPICS.posts(), keys, new JsonSerde<>(Post.class));
        rawPosts = driver.createInputTopic(TOPICS.posts(), keys, new ByteArraySerializer());
        registry = driver.createInputTopic(TOPICS.registry(), keys, new JsonSerde<>(AsnRecord.class));
        watchlist = driver.createInputTopic(TOPICS.watchlist(), keys, new JsonSerde<>(Watchlist.class));
        alerts = driver.createOutputTopic(TOPICS.alerts(), new StringDeserializer(), new JsonSerde<>(Alert.class));
        deadLetters = driver.createOutputTopic(TOPICS.deadLetters(), new StringDeserializer(), new JsonSerde<>(DeadLetter.class));
        watchlist.pipeInput(Fixtures.WATCHLIST.version(), Fixtures.WATCHLIST, day(1));
        registry.pipeInput(Fixtures.RUDI.nip(), Fixtures.RUDI, day(1));
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    private void send(Post p) {
        posts.pipeInput(p.key(), p);
    }

    /** Midnight UTC of a day in November 2024 (the fixtures' posts are of 10 November, 09:00 WIB). */
    private static Instant day(int d) {
        return Instant.parse("2024-11-01T00:00:00Z").plus(Duration.ofDays(d - 1));
    }

    private static Post postOn(Platform platform, String id, String handle, String text, int d) {
        return Fixtures.post(platform, id, handle, text, day(d).plus(Duration.ofHours(3)).atOffset(ZoneOffset.ofHours(7)));
    }

    @Test
    void flagsACallToVoteByARegisteredAsnKeyedByAlertId() {
        send(Fixtures.post("101", "@Rudi_H", "Ayo coblos Yoga Pratama, paslon 2!"));

        TestRecord<String, Alert> r = alerts.readRecord();
        assertThat(r.key()).isEqualTo(r.value().id());
        assertThat(r.value().severity()).isEqualTo(Severity.HIGH);
        assertThat(r.value().nip()).isEqualTo(Fixtures.RUDI.nip());
        assertThat(r.value().evidence()).isNotEmpty();
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void matchesFacebookHandlesIgnoringDotsAndCase() {
        send(Fixtures.post(Platform.FACEBOOK, "102", "Rudi.Hartono", "Dukung Yoga Pratama!"));

        assertThat(alerts.readValue().postId()).isEqualTo("102");
    }

    @Test
    void ignoresAuthorsOutsideTheRegistry() {
        send(Fixtures.post("103", "warga_lestari", "Ayo coblos Yoga Pratama!"));

        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void emitsANeutralReminderOnlyAsLow() {
        send(Fixtures.post("104", "rudi_h", "Imbauan: ASN dilarang mendukung Yoga Pratama maupun Bagus Wirawan."));

        assertThat(alerts.readValue().severity()).isEqualTo(Severity.LOW);
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void judgesEachPostWithTheWatchlistVersionInForceWhenItWasPublished() {
        send(postOn(Platform.X, "105", "rudi_h", "Dukung Yoga Pratama!", 10));
        assertThat(alerts.readValue().watchlistVersion()).isEqualTo("test-1");

        watchlist.pipeInput("test-2", new Watchlist("test-2", Fixtures.WATCHLIST.parties(), Fixtures.WATCHLIST.elections()), day(12));
        send(postOn(Platform.X, "106", "rudi_h", "Dukung Yoga Pratama!", 13));
        // Published before test-2 but arriving after it: still judged with test-1, as it would have been on time.
        send(postOn(Platform.X, "106b", "rudi_h", "Dukung Yoga Pratama!", 11));

        assertThat(alerts.readValuesToList()).extracting(Alert::postId, Alert::watchlistVersion)
                .containsExactly(tuple("106", "test-2"), tuple("106b", "test-1"));
    }

    @Test
    void judgesAPostOlderThanEveryWatchlistVersionWithTheOldest() {
        watchlist.pipeInput("test-2", new Watchlist("test-2", Fixtures.WATCHLIST.parties(), Fixtures.WATCHLIST.elections()), day(12));
        send(Fixtures.post(Platform.X, "112", "rudi_h", "Dukung Yoga Pratama!", OffsetDateTime.parse("2024-01-05T10:00:00+07:00")));

        assertThat(alerts.readValue().watchlistVersion()).isEqualTo("test-1");
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void stopsFlaggingAPersonWhoLeftServiceOrAnAccountNoLongerListedFromThenOn() {
        AsnRecord withoutX = new AsnRecord(Fixtures.RUDI.nip(), Fixtures.RUDI.name(), Fixtures.RUDI.agency(), null, null,
                Fixtures.RUDI.regionCode(), null, null, List.of(Account.parse("facebook:rudi.hartono")));
        registry.pipeInput(Fixtures.RUDI.nip(), withoutX, day(11));
        send(postOn(Platform.X, "107", "rudi_h", "Dukung Yoga Pratama!", 12));
        send(postOn(Platform.FACEBOOK, "108", "rudi.hartono", "Dukung Yoga Pratama!", 12));
        assertThat(alerts.readValuesToList()).extracting(Alert::postId).containsExactly("108");

        registry.pipeInput(Fixtures.RUDI.nip(), (AsnRecord) null, day(13));
        send(postOn(Platform.FACEBOOK, "109", "rudi.hartono", "Dukung Yoga Pratama!", 14));
        assertThat(alerts.isEmpty()).isTrue();

        // A post written while the account was still listed is judged with the record of that time.
        send(postOn(Platform.X, "107b", "rudi_h", "Dukung Yoga Pratama!", 10));
        Alert old = alerts.readValue();
        assertThat(old.postId()).isEqualTo("107b");
        assertThat(old.asn()).isEqualTo(Fixtures.RUDI);
        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void judgesAPostWithTheAuthorsRecordAsItWasWhenPublished() {
        AsnRecord moved = new AsnRecord(Fixtures.RUDI.nip(), Fixtures.RUDI.name(), "Dinas Baru", null, null,
                Fixtures.RUDI.regionCode(), null, null, Fixtures.RUDI.accounts());
        registry.pipeInput(Fixtures.RUDI.nip(), moved, day(11));
        send(postOn(Platform.X, "113", "rudi_h", "Dukung Yoga Pratama!", 12));
        send(postOn(Platform.X, "114", "rudi_h", "Dukung Yoga Pratama!", 10));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).extracting(a -> a.asn().agency()).containsExactly("Dinas Baru", Fixtures.RUDI.agency());
        assertThat(out.get(0).registryVersion()).isNotEqualTo(out.get(1).registryVersion());
    }

    @Test
    void anAccountPassedToAnotherPersonStaysTheirsWhenTheFirstRecordDropsItLater() {
        AsnRecord other = new AsnRecord("199203152015032004", "Sari Wulandari", "Dinas Kesehatan", null, null, "35.78", null, null,
                List.of(Account.parse("x:@Rudi_H")));
        registry.pipeInput(other.nip(), other, day(11));
        AsnRecord withoutX = new AsnRecord(Fixtures.RUDI.nip(), Fixtures.RUDI.name(), Fixtures.RUDI.agency(), null, null,
                Fixtures.RUDI.regionCode(), null, null, List.of(Account.parse("facebook:rudi.hartono")));
        registry.pipeInput(Fixtures.RUDI.nip(), withoutX, day(12));

        send(postOn(Platform.X, "120", "rudi_h", "Dukung Yoga Pratama!", 10));
        send(postOn(Platform.X, "121", "rudi_h", "Dukung Yoga Pratama!", 11));
        send(postOn(Platform.X, "122", "rudi_h", "Dukung Yoga Pratama!", 13));

        assertThat(alerts.readValuesToList()).extracting(Alert::nip)
                .containsExactly(Fixtures.RUDI.nip(), other.nip(), other.nip());
    }

    @Test
    void aRecordPublishedAgainUnchangedChangesNoAccount() {
        TestOutputTopic<String, byte[]> changes = driver.createOutputTopic(TOPICS.registryAccounts(), new StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer());
        assertThat(changes.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactlyInAnyOrderElementsOf(Fixtures.RUDI.accounts().stream().map(Account::lookupKey).toList());

        registry.pipeInput(Fixtures.RUDI.nip(), Fixtures.RUDI, day(5));
        assertThat(changes.isEmpty()).isTrue();

        AsnRecord moved = new AsnRecord(Fixtures.RUDI.nip(), Fixtures.RUDI.name(), "Dinas Baru", null, null,
                Fixtures.RUDI.regionCode(), null, null, Fixtures.RUDI.accounts());
        registry.pipeInput(Fixtures.RUDI.nip(), moved, day(6));
        assertThat(changes.readKeyValuesToList()).hasSameSizeAs(Fixtures.RUDI.accounts());
    }

    @Test
    void sendsACorruptRecordToTheDeadLetterTopicAndGoesOn() {
        rawPosts.pipeInput("x:bad", "{\"platform\":\"x\",\"postId\":".getBytes(StandardCharsets.UTF_8));
        rawPosts.pipeInput("x:nodate", "{\"platform\":\"x\",\"postId\":\"5\",\"url\":\"https://x.com/a/5\",\"author\":{\"handle\":\"rudi_h\"},\"text\":\"t\",\"kind\":\"post\"}"
                .getBytes(StandardCharsets.UTF_8));
        send(Fixtures.post("110", "rudi_h", "Dukung Yoga Pratama!"));

        List<DeadLetter> dead = deadLetters.readValuesToList();
        assertThat(dead).extracting(DeadLetter::key).containsExactly("x:bad", "x:nodate");
        assertThat(dead).allSatisfy(d -> {
            assertThat(d.source()).isEqualTo("classifier");
            assertThat(d.origin()).startsWith("posts-0@");
        });
        assertThat(dead.get(1).reason()).contains("publishedAt is missing");
        assertThat(dead.get(0).payload()).isEqualTo("{\"platform\":\"x\",\"postId\":");
        assertThat(alerts.readValue().postId()).isEqualTo("110");
        assertThat(deadLetters.isEmpty()).isTrue();
    }

    @Test
    void deadLettersAPostOfTheWrongTypesAndABinaryRecordThatFitTheirTopic() {
        byte[] binary = new byte[1_000_000];
        new java.util.Random(7).nextBytes(binary);
        rawPosts.pipeInput("x:bin", binary);
        rawPosts.pipeInput("x:6", "{\"platform\":\"x\",\"postId\":6,\"url\":\"https://x.com/a/6\",\"author\":{\"handle\":\"rudi_h\"},\"text\":\"Dukung Yoga Pratama!\",\"publishedAt\":1731204000,\"kind\":\"post\"}"
                .getBytes(StandardCharsets.UTF_8));
        send(Fixtures.post("112", "rudi_h", "Dukung Yoga Pratama!"));

        List<DeadLetter> dead = deadLetters.readValuesToList();
        assertThat(dead).extracting(DeadLetter::key).containsExactly("x:bin", "x:6");
        assertThat(dead.get(0).payloadTruncated()).isTrue();
        assertThat(dead.get(0).payloadBytes()).isEqualTo(binary.length);
        assertThat(dead.get(0).payloadSha256()).isEqualTo(id.netra.model.Sha256.hex(binary));
        assertThat(new JsonSerde<>(DeadLetter.class).serialize("t", dead.get(0)).length).isLessThanOrEqualTo(id.netra.model.Topics.MAX_RECORD_BYTES);
        assertThat(dead.get(1).reason()).contains("postId: Cannot coerce Integer value (6)");
        assertThat(alerts.readValuesToList()).extracting(Alert::postId).containsExactly("112");
    }

    @Test
    void skipsACorruptRegistryRecordAndKeepsTheOthers() {
        TestInputTopic<String, byte[]> rawRegistry = driver.createInputTopic(TOPICS.registry(), new StringSerializer(), new ByteArraySerializer());
        rawRegistry.pipeInput("199001012015011001", "{\"nip\":\"1990".getBytes(StandardCharsets.UTF_8));
        rawRegistry.pipeInput("199001012015011002", "{\"nip\":\"123\",\"name\":\"X\",\"regionCode\":\"35.77\"}".getBytes(StandardCharsets.UTF_8));

        send(Fixtures.post("111", "rudi_h", "Dukung Yoga Pratama!"));

        assertThat(alerts.readValue().postId()).isEqualTo("111");
    }
}
