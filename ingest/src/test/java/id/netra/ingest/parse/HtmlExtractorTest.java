package id.netra.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Post;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {
    static String fixture(String name) throws IOException {
        try (InputStream in = HtmlExtractorTest.class.getResourceAsStream("/fixtures/html/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsANewsArticleWithTheBundledProfile() throws IOException {
        URI page = URI.create("https://kabar-lestari.example/berita/2024/11/camat-ajak-warga?utm_source=wa");

        ParseResult r = HtmlExtractor.extract(HtmlProfiles.load("news-article"), fixture("news-article.html"), page);

        Post p = r.posts().getFirst();
        assertThat(r.posts()).hasSize(1);
        assertThat(p.postId()).isEqualTo("https://kabar-lestari.example/berita/2024/11/camat-ajak-warga");
        assertThat(p.author().handle()).isEqualTo("Dewi Lestiani");
        assertThat(p.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-11-12T19:05:00+07:00"));
        assertThat(p.text()).startsWith("Camat ajak warga pilih paslon nomor 2 saat reses\n\nLESTARI")
                .contains("“Ayo dukung paslon 02, demi kemajuan kota kita,”")
                .doesNotContain("Berita terkait").doesNotContain("dataLayer");
    }

    @Test
    void readsAProfilesPostsRejectsTheOneWithoutTimeAndFindsTheNextPage() throws IOException {
        URI page = URI.create("https://forum-lestari.example/u/rudi_h");

        ParseResult r = HtmlExtractor.extract(HtmlProfiles.load("profile-posts"), fixture("profile-page-1.html"), page);

        assertThat(r.posts()).extracting(Post::postId)
                .containsExactly("https://forum-lestari.example/p/9001", "https://forum-lestari.example/p/8999");
        assertThat(r.posts().getFirst().author().handle()).isEqualTo("rudi_h");
        assertThat(r.posts().getFirst().text()).isEqualTo("Ayo coblos nomor 3 tanggal 27 nanti!\nLestari maju bersama 💪 #LestariMaju");
        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.origin()).startsWith("post 2 of");
            assertThat(x.reason()).contains("no time");
        });
        assertThat(r.next()).isEqualTo(URI.create("https://forum-lestari.example/u/rudi_h?page=2"));
    }

    @Test
    void stillReadsAPageWithBrokenMarkup() throws IOException {
        ParseResult r = HtmlExtractor.extract(HtmlProfiles.load("profile-posts"), fixture("profile-page-2.html"),
                URI.create("https://forum-lestari.example/u/rudi_h?page=2"));

        assertThat(r.posts()).singleElement().satisfies(p -> assertThat(p.text()).isEqualTo("Nonton debat publik malam ini."));
        assertThat(r.next()).isNull();
    }

    @Test
    void namesTheBundledProfilesWhenOneIsUnknown() {
        assertThatThrownBy(() -> HtmlProfiles.load("facebook")).hasMessageContaining("news-article, profile-posts");
    }
}
