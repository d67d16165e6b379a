package id.netra.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Media;
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

    @Test
    void readsRepliesQuotesAndRetweetsOfAnXApiResponseWithTheirTargetsAndMedia() throws Exception {
        String json = """
                {"data":[
                  {"id":"1861","text":"@WahyuAnisa03 gaskeun bang, Metro Timur siap!","author_id":"7","created_at":"2024-11-15T13:10:00.000Z",
                   "conversation_id":"1860","in_reply_to_user_id":"3","referenced_tweets":[{"type":"replied_to","id":"1860"}],
                   "attachments":{"media_keys":["3_1861"]}},
                  {"id":"1862","text":"Ini baru pemimpin https://t.co/abc","author_id":"7","created_at":"2024-11-15T13:20:00.000Z",
                   "referenced_tweets":[{"type":"quoted","id":"1860"}]},
                  {"id":"1863","text":"RT @WahyuAnisa03: Coblos nomor 3 untuk Metro yang...","author_id":"8","created_at":"2024-11-15T13:30:00.000Z",
                   "referenced_tweets":[{"type":"retweeted","id":"1860"}]},
                  {"id":"1864","text":"@relawan_x betul","author_id":"8","created_at":"2024-11-15T13:40:00.000Z",
                   "in_reply_to_user_id":"9","referenced_tweets":[{"type":"replied_to","id":"1799"}]},
                  {"id":"1865","text":"@someone ya","author_id":"8","created_at":"2024-11-15T13:50:00.000Z",
                   "in_reply_to_user_id":"404","referenced_tweets":[{"type":"replied_to","id":"1700"}]}],
                 "includes":{
                  "users":[{"id":"7","username":"AndiPras_Mtr","name":"Andi Prasetyo"},{"id":"8","username":"hendrik_pp","name":"Hendrik"},
                           {"id":"3","username":"WahyuAnisa03","name":"Wahyu - Anisa"},{"id":"9","username":"relawan_x","name":"Relawan"}],
                  "tweets":[{"id":"1860","text":"Coblos nomor 3 untuk Metro yang lebih maju!\\n\\n#WANI","author_id":"3","created_at":"2024-11-15T12:00:00.000Z"}],
                  "media":[{"media_key":"3_1861","type":"photo","url":"https://pbs.twimg.com/media/kaos.jpg","alt_text":"Kaos bertuliskan nomor 3"}]}}
                """;

        ParseResult r = XApiImport.parse(new StringReader(json), "balasan.json");

        assertThat(r.rejected()).isEmpty();
        Post reply = r.posts().get(0);
        assertThat(reply.kind()).isEqualTo(PostKind.REPLY);
        assertThat(reply.target().postId()).isEqualTo("1860");
        assertThat(reply.target().url()).isEqualTo(URI.create("https://x.com/WahyuAnisa03/status/1860"));
        assertThat(reply.target().ownerKey()).isEqualTo("x:wahyuanisa03");
        assertThat(reply.media()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(Media.Type.IMAGE);
            assertThat(m.url()).isEqualTo(URI.create("https://pbs.twimg.com/media/kaos.jpg"));
            assertThat(m.alt()).isEqualTo("Kaos bertuliskan nomor 3");
        });
        Post quote = r.posts().get(1);
        assertThat(quote.kind()).isEqualTo(PostKind.SHARE);
        assertThat(quote.text()).isEqualTo("Ini baru pemimpin https://t.co/abc\n\nCoblos nomor 3 untuk Metro yang lebih maju!\n\n#WANI");
        assertThat(quote.target().ownerKey()).isEqualTo("x:wahyuanisa03");
        Post retweet = r.posts().get(2);
        assertThat(retweet.kind()).isEqualTo(PostKind.SHARE);
        assertThat(retweet.text()).as("no words of the sharer's, then the whole original").isEqualTo("\n\nCoblos nomor 3 untuk Metro yang lebih maju!\n\n#WANI");
        assertThat(retweet.target().postId()).isEqualTo("1860");
        assertThat(r.posts().get(3).target()).as("a reply to a tweet not included: its owner from in_reply_to_user_id").satisfies(t -> {
            assertThat(t.ownerKey()).isEqualTo("x:relawan_x");
            assertThat(t.url()).isEqualTo(URI.create("https://x.com/relawan_x/status/1799"));
        });
        assertThat(r.posts().get(4).target()).satisfies(t -> {
            assertThat(t.author()).isNull();
            assertThat(t.url()).isEqualTo(URI.create("https://x.com/i/status/1700"));
        });
    }

    @Test
    void mapsTargetKindAndMediaColumnsSoACommentExportNeedsNoCode() throws Exception {
        String csv = """
                comment_id,comment_url,user,user_name,message,created,post_id,post_url,page,page_name,photo,photo_alt
                C9x_1789,https://www.instagram.com/p/C9x/c/1789/,bidan.nuraini,Nur Aini,Siap menangkan! 🔥,2024-11-16 07:30,C9x,https://www.instagram.com/p/C9x/,wahyuanisa.metro,Wahyu - Anisa,https://cdn.example/1.jpg,Tiga jari
                C9x_1790,https://www.instagram.com/p/C9x/c/1790/,budi_s,,Mantap,2024-11-16 07:31,C9x,https://www.instagram.com/p/C9x/,wahyuanisa.metro,,,Tanpa tipe
                """;
        Map<String, String> columns = new java.util.LinkedHashMap<>(Map.of("postId", "comment_id", "url", "comment_url", "author.handle", "user",
                "author.displayName", "user_name", "text", "message", "publishedAt", "created", "target.postId", "post_id", "target.url", "post_url"));
        columns.putAll(Map.of("target.author.handle", "page", "target.author.displayName", "page_name", "media.url", "photo", "media.alt", "photo_alt"));
        CsvImport importer = new CsvImport(columns, Map.of("kind", "comment", "media.type", "image"), Platform.INSTAGRAM, ZoneId.of("Asia/Jakarta"),
                "yyyy-MM-dd HH:mm");

        ParseResult r = importer.parse(new StringReader(csv), "komentar.csv");

        assertThat(r.rejected()).isEmpty();
        Post c = r.posts().getFirst();
        assertThat(c.kind()).isEqualTo(PostKind.COMMENT);
        assertThat(c.target().platform()).isEqualTo(Platform.INSTAGRAM);
        assertThat(c.target().postId()).isEqualTo("C9x");
        assertThat(c.target().ownerKey()).isEqualTo("instagram:wahyuanisa.metro");
        assertThat(c.target().author().displayName()).isEqualTo("Wahyu - Anisa");
        assertThat(c.media()).singleElement().satisfies(m -> {
            assertThat(m.type()).isEqualTo(Media.Type.IMAGE);
            assertThat(m.alt()).isEqualTo("Tiga jari");
        });
        assertThat(r.posts().get(1).media()).singleElement().satisfies(m -> assertThat(m.url()).isNull());
        assertThat(r.posts().get(1).target().author().displayName()).isNull();
    }

    @Test
    void readsAReactionExportWhoseRowsHaveNoIdOfTheirOwn() throws Exception {
        String csv = """
                post,post_link,owner,reactor,reaction,time,kind
                C9xQ1a2b3c4,https://www.instagram.com/p/C9xQ1a2b3c4/,hendra.siti.official,budi_s,Like,2024-11-12T19:06:00+07:00,
                C9xQ1a2b3c4,https://www.instagram.com/p/C9xQ1a2b3c4/,hendra.siti.official,rina,,2024-11-12T19:07:00+07:00,
                C9xQ1a2b3c4,https://www.instagram.com/p/C9xQ1a2b3c4/,hendra.siti.official,sari,love,2024-11-12T19:08:00+07:00,komentar
                """;
        CsvImport importer = new CsvImport(Map.of("target.postId", "post", "target.url", "post_link", "target.author.handle", "owner",
                "author.handle", "reactor", "text", "reaction", "publishedAt", "time", "kind", "kind"), Map.of("kind", "reaction"),
                Platform.INSTAGRAM, ZoneId.of("Asia/Jakarta"), null);

        ParseResult r = importer.parse(new StringReader(csv), "suka.csv");

        assertThat(r.posts()).singleElement().satisfies(p -> {
            assertThat(p.postId()).isEqualTo("C9xQ1a2b3c4_like_budi_s");
            assertThat(p.kind()).isEqualTo(PostKind.REACTION);
            assertThat(p.url()).isEqualTo(URI.create("https://www.instagram.com/p/C9xQ1a2b3c4/"));
            assertThat(p.target().ownerKey()).isEqualTo("instagram:hendra.siti.official");
        });
        assertThat(r.rejected()).extracting(ParseResult.Rejected::origin).containsExactly("suka.csv:3", "suka.csv:4");
        assertThat(r.rejected()).extracting(ParseResult.Rejected::reason).containsExactly(
                "text is empty: a reaction's text is its name (like, love, ...)", "unknown kind 'komentar' (expected post, share, comment, reply, reaction or join)");
    }

    @Test
    void refusesAMappingThatCannotMakeAPost() {
        assertThatThrownBy(() -> new CsvImport(Map.of("author.handle", "a", "publishedAt", "t", "text", "x", "url", "u"), Platform.X,
                ZoneId.of("Asia/Jakarta"), null)).hasMessageContaining("'postId' needs a column");
        assertThatThrownBy(() -> new CsvImport(Map.of("author.handle", "a", "publishedAt", "t"), Map.of("kind", "reaction", "media.type", "gif"),
                Platform.X, ZoneId.of("Asia/Jakarta"), null)).hasMessageContaining("'url' needs a column");
        assertThatThrownBy(() -> new CsvImport(Map.of("author.handle", "a", "publishedAt", "t", "target.url", "u"), Map.of("kind", "reaction", "media.type", "gif"),
                Platform.X, ZoneId.of("Asia/Jakarta"), null)).hasMessageContaining("unknown media type 'gif'");
    }
}
