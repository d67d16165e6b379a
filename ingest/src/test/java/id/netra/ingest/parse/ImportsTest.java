package id.netra.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Mastodon statuses, X API v2 exports and CSV exports. */
class ImportsTest {

    @Test
    void readsMastodonStatusesWithBoostsRepliesAndFullHandles() {
        String json = """
                [{"id":"113","created_at":"2024-11-12T12:05:00.000Z","visibility":"public","url":"https://mastodon.example/@rina/113",
                  "account":{"acct":"rina","display_name":"Rina"},"content":"<p>Ayo coblos nomor 1!<br>#pilkada</p>","reblog":null,
                  "in_reply_to_id":null,"spoiler_text":""},
                 {"id":"114","created_at":"2024-11-12T12:06:00.000Z","visibility":"public","url":"https://mastodon.example/@rina/114",
                  "account":{"acct":"rina","display_name":"Rina"},"content":"","in_reply_to_id":null,
                  "reblog":{"id":"99","url":"https://other.example/@budi/99","account":{"acct":"budi@other.example"},"content":"<p>Salam dua jari</p>"}},
                 {"id":"115","created_at":"2024-11-12T12:07:00.000Z","visibility":"public","url":"https://mastodon.example/@rina/115",
                  "account":{"acct":"rina"},"content":"<p>setuju</p>","in_reply_to_id":"114","reblog":null},
                 {"id":"116","created_at":"kemarin","visibility":"public","url":"https://mastodon.example/@rina/116","account":{"acct":"rina"},"content":"x"},
                 {"id":"117","created_at":"2024-11-12T12:08:00.000Z","visibility":"direct","account":{"acct":"rina"},"content":"rahasia"}]""";

        ParseResult r = MastodonStatuses.parse(json.getBytes(StandardCharsets.UTF_8), URI.create("https://mastodon.example"));

        assertThat(r.posts()).extracting(Post::postId).containsExactly("113", "114", "115");
        Post first = r.posts().get(0);
        assertThat(first.author().handle()).isEqualTo("rina@mastodon.example");
        assertThat(first.text()).isEqualTo("Ayo coblos nomor 1!\n#pilkada");
        assertThat(r.posts().get(1).kind()).isEqualTo(PostKind.SHARE);
        assertThat(r.posts().get(1).text()).isEqualTo("RT @budi@other.example: Salam dua jari");
        assertThat(r.posts().get(2).kind()).isEqualTo(PostKind.REPLY);
        assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.reason()).contains("invalid created_at 'kemarin'"));
    }

    @Test
    void readsAnXApiResponseAndRejectsATweetWithoutItsAuthor() throws Exception {
        String json = """
                {"data":[
                  {"id":"1855","text":"Ayo pilih nomor 2","author_id":"7","created_at":"2024-11-12T12:05:00.000Z"},
                  {"id":"1856","text":"RT @x: halo","author_id":"7","created_at":"2024-11-12T12:06:00.000Z","referenced_tweets":[{"type":"retweeted","id":"1"}]},
                  {"id":"1857","text":"siapa?","author_id":"8","created_at":"2024-11-12T12:07:00.000Z"}],
                 "includes":{"users":[{"id":"7","username":"Budi_S","name":"Budi Santoso"}]}}
                """;

        ParseResult r = XApiImport.parse(new StringReader(json), "ekspor.json");

        assertThat(r.posts()).extracting(Post::postId).containsExactly("1855", "1856");
        assertThat(r.posts().getFirst().url()).isEqualTo(URI.create("https://x.com/Budi_S/status/1855"));
        assertThat(r.posts().get(1).kind()).isEqualTo(PostKind.SHARE);
        assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.reason()).isEqualTo("author_id 8 not in includes.users"));
    }

    @Test
    void readsXApiJsonlAndNamesTheLineOfABadOne() throws Exception {
        String jsonl = """
                {"data":{"id":"1","text":"a","author_id":"7","created_at":"2024-11-12T12:05:00Z"},"includes":{"users":[{"id":"7","username":"u"}]}}
                {"data":
                {"id":"2","text":"b","created_at":"2024-11-12T12:06:00Z","author_id":"9","author":{"id":"9","username":"v"}}
                """;

        ParseResult r = XApiImport.parse(new StringReader(jsonl), "x.jsonl");

        assertThat(r.posts()).extracting(Post::postId).containsExactly("1", "2");
        assertThat(r.rejected()).singleElement().satisfies(x -> assertThat(x.origin()).isEqualTo("x.jsonl:2"));
    }

    @Test
    void readsCsvWithAColumnMappingAndReportsBadRowsWithTheirLines() throws Exception {
        String csv = """
                id;tautan;akun;isi;waktu
                10;https://facebook.com/10;budi.s;"Ayo dukung
                paslon 2";12/11/2024 19:05
                11;https://facebook.com/11;budi.s;;12/11/2024 19:06
                12;https://facebook.com/12;budi.s;halo;kemarin
                13;https://facebook.com/13;budi.s;salam dua jari;12/11/2024 19:08
                """;
        CsvImport importer = new CsvImport(Map.of("postId", "id", "url", "tautan", "author.handle", "akun", "text", "isi", "publishedAt", "waktu"),
                Platform.FACEBOOK, ZoneId.of("Asia/Jakarta"), "dd/MM/yyyy HH:mm");

        ParseResult r = importer.parse(new StringReader(csv), "mitra.csv");

        assertThat(r.posts()).extracting(Post::postId).containsExactly("10", "13");
        assertThat(r.posts().getFirst().text()).isEqualTo("Ayo dukung\npaslon 2");
        assertThat(r.posts().getFirst().publishedAt()).isEqualTo(OffsetDateTime.parse("2024-11-12T19:05:00+07:00"));
        assertThat(r.rejected()).extracting(ParseResult.Rejected::origin).containsExactly("mitra.csv:4", "mitra.csv:5");
        assertThat(r.rejected()).extracting(ParseResult.Rejected::reason).containsExactly("text is empty",
                "publishedAt 'kemarin' does not fit the pattern dd/MM/yyyy HH:mm");
    }

    @Test
    void refusesAMappingToAColumnTheFileDoesNotHave() {
        CsvImport importer = new CsvImport(Map.of("postId", "id", "url", "url", "author.handle", "akun", "text", "isi", "publishedAt", "waktu"),
                Platform.FACEBOOK, ZoneId.of("Asia/Jakarta"), null);

        assertThatThrownBy(() -> importer.parse(new StringReader("id,akun,isi,waktu\n1,a,b,c\n"), "x.csv"))
                .hasMessageContaining("no column 'url' (for url)");
    }
}
