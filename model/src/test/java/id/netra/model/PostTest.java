package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
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
}
