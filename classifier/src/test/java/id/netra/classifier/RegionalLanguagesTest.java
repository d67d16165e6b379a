package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Alert;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Posts and comments in the regional languages and dialects whose cue files cues-v3 includes
 * ({@code lexicon/regional/}), one fixture file per language ({@code src/test/resources/regional/<code>.tsv}: an
 * expectation, a TAB, a text about the fictional pairs of {@link Fixtures}). {@code ALERT}: the classifier raises a
 * MEDIUM or HIGH alert; {@code NONE}: none, or a LOW one kept for search; {@code @campaign}: the text is a comment under a
 * post of pair 01's campaign account.
 */
class RegionalLanguagesTest {
    static final List<String> LANGUAGES = List.of("abs", "ace", "ban", "bbc", "bew", "bhp", "bjn", "bug", "day", "jav", "mad", "mak",
            "mdn", "min", "mkn", "plm", "pmy", "pnk", "sas", "sun", "xmm");

    static Stream<String> languages() {
        return LANGUAGES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("languages")
    void readsTheStanceOfPostsInTheLanguage(String language) throws IOException {
        List<String> wrong = new ArrayList<>();
        int n = 0;
        for (String line : lines(language)) {
            n++;
            String[] f = line.split("\t", 2);
            boolean campaign = f[0].endsWith("@campaign");
            boolean alert = f[0].startsWith("ALERT");
            Post post = campaign ? Fixtures.interaction(PostKind.COMMENT, f[1], "bagusratna.official") : Fixtures.post(String.valueOf(n), "rudi_h", f[1]);
            Optional<Alert> a = Fixtures.CLASSIFIER.classify(post, Fixtures.RUDI, Fixtures.INDEX);
            boolean alerted = a.isPresent() && a.get().severity().atLeast(Severity.MEDIUM);
            if (alerted != alert) {
                wrong.add(f[0] + " but " + a.map(x -> x.severity() + " " + x.rule()).orElse("nothing") + ": " + f[1]);
            }
        }
        assertThat(n).as("fixtures of " + language).isGreaterThanOrEqualTo(4);
        assertThat(wrong).as("wrongly judged posts in " + language).isEmpty();
    }

    private static List<String> lines(String language) throws IOException {
        try (InputStream in = RegionalLanguagesTest.class.getResourceAsStream("/regional/" + language + ".tsv")) {
            assertThat(in).as("fixture file of " + language).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        }
    }
}
