package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostTest {
    private static final Post POST = new Post(Platform.X, "1", URI.create("https://x.com/a/status/1"), new Author("a", "A"),
            "Ayo coblos nomor 2!", OffsetDateTime.parse("2024-11-12T19:05:00+07:00"), PostKind.POST);

    @Test
    void writesNoProvenanceFieldWhenThereIsNone() throws Exception {
        String json = Json.mapper().writeValueAsString(POST);

        assertThat(json).doesNotContain("provenance");
        assertThat(Json.mapper().readValue(json, Post.class)).isEqualTo(POST);
    }

    @Test
    void keepsProvenanceThroughJson() throws Exception {
        Post p = POST.withProvenance(new Provenance("kabar", URI.create("https://kabar.example/feed.xml"), 200,
                Instant.parse("2024-11-12T12:06:00Z"), "ab".repeat(32), POST.contentHash(), 2, "analis"));

        assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(p), Post.class)).isEqualTo(p);
    }

    @Test
    void contentHashChangesWithAnEditButNotWithProvenance() {
        Post edited = new Post(POST.platform(), POST.postId(), POST.url(), POST.author(), "Ayo coblos nomor 3!", POST.publishedAt(), POST.kind());
        Post collected = POST.withProvenance(new Provenance("s", URI.create("file:/x"), null, Instant.EPOCH, "00", "h", 1, null));

        assertThat(edited.contentHash()).isNotEqualTo(POST.contentHash());
        assertThat(collected.contentHash()).isEqualTo(POST.contentHash());
    }

    @Test
    void anEditedVersionHasItsOwnVersionKey() {
        Post v2 = POST.withProvenance(new Provenance("s", URI.create("file:/x"), null, Instant.EPOCH, "00", "h", 2, null));
        Post v1 = POST.withProvenance(new Provenance("s", URI.create("file:/x"), null, Instant.EPOCH, "00", "h", 1, null));

        assertThat(POST.versionKey()).isEqualTo("x:1");
        assertThat(v1.versionKey()).isEqualTo("x:1");
        assertThat(v2.versionKey()).isEqualTo("x:1#v2");
    }

    @Test
    void readsTheTargetAndMediaOfAnInteractionAsFormatsMdGivesThem() throws Exception {
        String line = "{\"platform\":\"instagram\",\"postId\":\"C9_1\",\"url\":\"https://www.instagram.com/p/C9/c/1/\","
                + "\"author\":{\"handle\":\"budi_s\"},\"text\":\"Siap menangkan bapak! 🔥\",\"publishedAt\":\"2024-11-12T19:05:00+07:00\","
                + "\"kind\":\"comment\",\"target\":{\"postId\":\"C9\",\"url\":\"https://www.instagram.com/p/C9/\","
                + "\"author\":{\"handle\":\"hendra.siti.official\",\"displayName\":\"Hendra - Siti\"}},"
                + "\"media\":[{\"type\":\"image\",\"url\":\"https://cdn.example/p.jpg\",\"alt\":\"Poster COBLOS NO 2\"}]}";
        Post p = PostLines.parse(line);

        assertThat(p.kind()).isEqualTo(PostKind.COMMENT);
        // A target without a platform is on the interaction's own.
        assertThat(p.target().platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(p.target().postKey()).isEqualTo("instagram:C9");
        assertThat(p.target().ownerKey()).isEqualTo("instagram:hendra.siti.official");
        assertThat(p.media()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(Media.Type.IMAGE);
            assertThat(m.alt()).isEqualTo("Poster COBLOS NO 2");
        });
        assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(p), Post.class)).isEqualTo(p);
    }

    @Test
    void readsReactionsAndJoinsAndRefusesAnUnknownKindNamingTheKnownOnes() {
        assertThat(PostLines.parse("{\"platform\":\"facebook\",\"postId\":\"1_like_b\",\"url\":\"https://facebook.com/1\","
                + "\"author\":{\"handle\":\"b\"},\"text\":\"like\",\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"reaction\","
                + "\"target\":{\"platform\":\"facebook\",\"postId\":\"1\",\"url\":\"https://facebook.com/1\",\"author\":{\"handle\":\"a\"}}}")
                .kind()).isEqualTo(PostKind.REACTION);
        assertThat(PostLines.parse("{\"platform\":\"facebook\",\"postId\":\"g_join_b\",\"url\":\"https://facebook.com/groups/g\","
                + "\"author\":{\"handle\":\"b\"},\"text\":\"\",\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"join\","
                + "\"target\":{\"url\":\"https://facebook.com/groups/g\",\"author\":{\"handle\":\"g\"}}}").target().postKey()).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PostKind.of("poke"))
                .hasMessageContaining("unknown kind 'poke'").hasMessageContaining("reaction or join");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PostTarget(Platform.X, " ", null, null))
                .hasMessageContaining("target names nothing");
    }

    @Test
    void contentHashCountsTheTargetAndMediaOnlyWhereThereAreAny() {
        Post withTarget = POST.withInteraction(new PostTarget(Platform.X, "0", URI.create("https://x.com/c/status/0"), new Author("c", null)), List.of());
        Post withPicture = POST.withInteraction(null, List.of(new Media(Media.Type.IMAGE, null, "poster")));

        assertThat(withTarget.contentHash()).isNotEqualTo(POST.contentHash()).isNotEqualTo(withPicture.contentHash());
        assertThat(POST.withInteraction(null, List.of()).contentHash()).isEqualTo(POST.contentHash());
    }
}
