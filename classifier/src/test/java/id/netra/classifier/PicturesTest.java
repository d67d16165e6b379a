package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.Author;
import id.netra.model.Media;
import id.netra.model.MediaText;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Severity;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text read in a post's pictures is read like its own words (rules-v3), and evidence found there says where. */
class PicturesTest {
    static final Post POSTER = new Post(Platform.FACEBOOK, "DCposter1", URI.create("https://www.facebook.com/rudi.hartono/posts/DCposter1"),
            new Author("rudi.hartono", null), "Semangat pagi 💪", OffsetDateTime.parse("2024-11-10T09:00:00+07:00"), PostKind.POST, null, null,
            List.of(new Media(Media.Type.IMAGE, URI.create("https://cdn.example/poster.png"), null)));

    /** A media text with one line per string, each word 100 px wide on its own row of 60 px. */
    static MediaText read(Post post, int index, String... lines) {
        StringBuilder text = new StringBuilder();
        List<MediaText.Word> words = new ArrayList<>();
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                text.append('\n');
            }
            String[] ws = lines[l].split(" ");
            for (int i = 0; i < ws.length; i++) {
                if (i > 0) {
                    text.append(' ');
                }
                int start = text.length();
                text.append(ws[i]);
                words.add(new MediaText.Word(start, text.length(), new MediaText.Box(10 + 110 * i, 20 + 60 * l, 100, 50), 91.5));
            }
        }
        MediaText.Item item = new MediaText.Item(index, "image", post.media().get(index).pictureUrl(), MediaText.Status.READ, null,
                "ab".repeat(32), "image/png", Instant.parse("2024-11-10T02:00:05Z"), 1080, 1350, text.toString(), words);
        return new MediaText(post.key(), post.versionKey(), post.contentHash(), List.of(item), "test", Instant.parse("2024-11-10T02:00:06Z"));
    }

    static Optional<Alert> classify(PostClassifier classifier, Post post, MediaText pictures) {
        return classifier.classify(post, pictures, Fixtures.RUDI.regionCode(), () -> Fixtures.RUDI, Fixtures.INDEX);
    }

    @Test
    void flagsAPosterWithABlandCaptionAndSaysWhichPictureAndWhere() {
        MediaText pictures = read(POSTER, 0, "COBLOS NOMOR 1", "Bagus Wirawan - Ratna Sari");

        Alert a = classify(Fixtures.CLASSIFIER, POSTER, pictures).orElseThrow();

        assertThat(a.severity()).isEqualTo(Severity.HIGH);
        assertThat(a.candidates()).extracting(Alert.CandidateMatch::candidateId).containsExactly("lestari-01");
        assertThat(a.evidence()).isNotEmpty().allSatisfy(e -> {
            assertThat(e.field()).isEqualTo("media[0].ocr");
            assertThat(pictures.items().getFirst().text().substring(e.start(), e.end())).isEqualTo(e.text());
            assertThat(e.boxes()).isNotEmpty();
        });
        Alert.Evidence name = a.evidence().stream().filter(e -> e.text().equals("Bagus Wirawan")).findFirst().orElseThrow();
        assertThat(name.boxes()).containsExactly(new MediaText.Box(10, 80, 100, 50), new MediaText.Box(120, 80, 100, 50));
        assertThat(a.mediaText()).isEqualTo(pictures);
    }

    @Test
    void withoutTheTextOfItsPicturesABlandCaptionGivesNoAlert() {
        assertThat(classify(Fixtures.CLASSIFIER, POSTER, null)).isEmpty();
    }

    @Test
    void wordsAndPictureThatBothCountGiveOneAlertCitingBoth() {
        Post post = new Post(POSTER.platform(), POSTER.postId(), POSTER.url(), POSTER.author(), "Ayo dukung Bagus Wirawan!",
                POSTER.publishedAt(), PostKind.POST, null, null, POSTER.media());

        Alert a = classify(Fixtures.CLASSIFIER, post, read(post, 0, "COBLOS NOMOR 1")).orElseThrow();

        assertThat(a.evidence()).extracting(Alert.Evidence::field).containsNull().contains("media[0].ocr");
        assertThat(a.id()).isEqualTo(Alert.idFor(post.versionKey(), "test-1", a.registryVersion()));
    }

    @Test
    void hiddenWordsInAPictureAreUndoneAsInText() {
        Alert a = classify(Fixtures.CLASSIFIER, POSTER, read(POSTER, 0, "c0bl0s n0m0r 1")).orElseThrow();

        assertThat(a.rule()).isEqualTo("call-to-vote");
        assertThat(a.evidence()).allSatisfy(e -> assertThat(e.field()).isEqualTo("media[0].ocr"));
    }

    @Test
    void aRuleReminderOnAPictureIsNeutralAsInText() {
        Alert a = classify(Fixtures.CLASSIFIER, POSTER, read(POSTER, 0, "Imbauan: ASN dilarang mendukung Bagus Wirawan", "Jaga netralitas!"))
                .orElseThrow();

        assertThat(a.rule()).isEqualTo("neutral-context");
        assertThat(a.severity()).isEqualTo(Severity.LOW);
    }

    @Test
    void earlierRuleDataReadsNoPicture() {
        PostClassifier v2 = Lexicons.classifier("cues-v3+slang-v2+rules-v2");

        assertThat(v2.readsPictures()).isFalse();
        assertThat(Fixtures.CLASSIFIER.readsPictures()).isTrue();
        assertThat(classify(v2, POSTER, read(POSTER, 0, "COBLOS NOMOR 1", "Bagus Wirawan"))).isEmpty();
    }

    @Test
    void readsTheCaptionsOfAVideoWhereThePlatformGivesThem() {
        Post video = new Post(Platform.FACEBOOK, "DCvideo1", URI.create("https://www.facebook.com/rudi.hartono/videos/1"),
                new Author("rudi.hartono", null), "Jalan pagi", OffsetDateTime.parse("2024-11-10T09:00:00+07:00"), PostKind.POST, null, null,
                List.of(new Media(Media.Type.VIDEO, URI.create("https://cdn.example/v.mp4"), null, null,
                        "Halo warga, jangan lupa coblos nomor 1 ya, Bagus Wirawan untuk Lestari")));

        Alert a = classify(Fixtures.CLASSIFIER, video, null).orElseThrow();

        assertThat(a.rule()).isEqualTo("call-to-vote");
        assertThat(a.evidence()).extracting(Alert.Evidence::field).containsOnly("media[0].captions");
        assertThat(a.evidence()).allSatisfy(e -> assertThat(video.media().getFirst().captions().substring(e.start(), e.end())).isEqualTo(e.text()));
        assertThat(MediaText.pictures(video)).as("no cover: nothing for the media stage, no wait").isEmpty();
        assertThat(classify(Lexicons.classifier("cues-v3+slang-v2+rules-v2"), video, null)).as("rules-v2 reads no captions").isEmpty();
    }

    @Test
    void aPictureThatCouldNotBeReadAddsNothing() {
        MediaText.Item refused = new MediaText.Item(0, "image", POSTER.media().getFirst().url(), MediaText.Status.REFUSED,
                "not an image: Content-Type text/html", null, "text/html", null, null, null, null, null);
        MediaText none = new MediaText(POSTER.key(), POSTER.versionKey(), POSTER.contentHash(), List.of(refused), "test", Instant.EPOCH);

        assertThat(classify(Fixtures.CLASSIFIER, POSTER, none)).isEmpty();
    }

    @Test
    void aLateSecondDecisionIsWrittenUnderItsOwnIdOnlyWhenAPictureCounts() {
        Alert withPicture = classify(Fixtures.CLASSIFIER, POSTER, read(POSTER, 0, "COBLOS NOMOR 1")).orElseThrow();
        Post worded = new Post(POSTER.platform(), POSTER.postId(), POSTER.url(), POSTER.author(), "Ayo dukung Bagus Wirawan!",
                POSTER.publishedAt(), PostKind.POST, null, null, POSTER.media());
        Alert nothingInPicture = classify(Fixtures.CLASSIFIER, worded, read(worded, 0, "Selamat pagi")).orElseThrow();

        assertThat(MediaWait.asEdit(withPicture)).hasValueSatisfying(e -> {
            assertThat(e.id()).isEqualTo(Alert.idFor(POSTER.versionKey() + "#media", e.watchlistVersion(), e.registryVersion()))
                    .isNotEqualTo(withPicture.id());
            assertThat(e.evidence()).isEqualTo(withPicture.evidence());
        });
        assertThat(MediaWait.asEdit(nothingInPicture)).isEmpty();
    }
}
