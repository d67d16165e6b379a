package id.netra.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Platform;
import id.netra.model.Post;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class FeedParserTest {
    private static final URI FEED = URI.create("https://kabar-lestari.example/feed.xml");

    @Test
    void readsRssItemsAsWebPostsKeyedByTheirCanonicalLink() {
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Kabar Lestari</title>
                <item><title>Camat ajak warga pilih paslon 2</title><link>/berita/1?utm_medium=rss</link>
                  <dc:creator>Dewi Lestiani</dc:creator>
                  <description><![CDATA[<p>Paragraf satu.</p><p>Paragraf <b>dua</b>.</p>]]></description>
                  <pubDate>Tue, 12 Nov 2024 19:05:00 +0700</pubDate></item>
                <item><title>Tanpa tanggal</title><link>/berita/2</link></item>
                </channel></rss>""";

        ParseResult r = FeedParser.parse(rss.getBytes(StandardCharsets.UTF_8), FEED);

        assertThat(r.posts()).singleElement().satisfies(p -> {
            assertThat(p.platform()).isEqualTo(Platform.WEB);
            assertThat(p.postId()).isEqualTo("https://kabar-lestari.example/berita/1");
            assertThat(p.author().handle()).isEqualTo("Dewi Lestiani");
            assertThat(p.text()).isEqualTo("Camat ajak warga pilih paslon 2\n\nParagraf satu.\n\nParagraf dua.");
            assertThat(p.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-11-12T19:05:00+07:00"));
        });
        assertThat(r.rejected()).singleElement().satisfies(x -> {
            assertThat(x.origin()).isEqualTo("entry 2");
            assertThat(x.reason()).isEqualTo("no publication date");
        });
    }

    @Test
    void readsAtomEntriesWithTheSiteHostAsAuthorWhenNoneIsGiven() {
        String atom = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>KPU Kota Lestari</title>
                <entry><title>Jadwal debat kedua</title><link rel="alternate" href="https://kpu-lestari.example/debat-2"/>
                  <id>tag:kpu-lestari.example,2024:debat-2</id><updated>2024-11-11T09:30:00+07:00</updated>
                  <summary type="html">&lt;p&gt;Debat digelar pekan depan.&lt;/p&gt;</summary></entry>
                </feed>""";

        Post p = FeedParser.parse(atom.getBytes(StandardCharsets.UTF_8), URI.create("https://kpu-lestari.example/atom.xml")).posts().getFirst();

        assertThat(p.author().handle()).isEqualTo("kpu-lestari.example");
        assertThat(p.author().displayName()).isEqualTo("KPU Kota Lestari");
        assertThat(p.text()).isEqualTo("Jadwal debat kedua\n\nDebat digelar pekan depan.");
    }

    @Test
    void readsAWindows1252FeedDeclaredInItsXmlDeclaration() throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write("<?xml version=\"1.0\" encoding=\"windows-1252\"?><rss version=\"2.0\"><channel><title>T</title><item><title>".getBytes(StandardCharsets.US_ASCII));
        b.write(new byte[] {(byte) 0x93, 'C', 'a', 'f', (byte) 0xE9, (byte) 0x94, ' ', (byte) 0x80, '5'});
        b.write("</title><link>https://a.example/1</link><pubDate>Tue, 12 Nov 2024 19:05:00 +0700</pubDate></item></channel></rss>".getBytes(StandardCharsets.US_ASCII));

        assertThat(FeedParser.parse(b.toByteArray(), FEED).posts().getFirst().text()).isEqualTo("“Café” €5");
    }

    @Test
    void refusesAPayloadThatIsNoFeed() {
        assertThatThrownBy(() -> FeedParser.parse("<html><body>Halaman tidak ditemukan</body></html>".getBytes(StandardCharsets.UTF_8), FEED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no <rss><channel> or <feed>");
    }
}
