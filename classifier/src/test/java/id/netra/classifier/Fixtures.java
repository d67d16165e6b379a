package id.netra.classifier;

import id.netra.model.Account;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.Party;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.PostTarget;
import id.netra.model.Watchlist;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/** A fictional city (99.01, in province 99) and its election, and a neighbouring city (98.02). */
final class Fixtures {
    static final Election LESTARI = new Election("pilwalkot-lestari-2024", "99.01", "Wali Kota", LocalDate.parse("2024-11-27"), List.of(
            new Candidate("lestari-01", 1, List.of("Bagus Wirawan", "Ratna Sari"), List.of("Mas Bagus", "BARA"),
                    List.of("BagusRatna", "LestariBangkit01"), List.of("Lestari Makin Maju"), List.of("pkb"),
                    List.of("instagram:bagusratna.official", "x:BagusRatna01")),
            new Candidate("lestari-02", 2, List.of("Yoga Pratama", "Intan Permata"), List.of("YOIN"),
                    List.of("YogaIntan"), List.of("Bersama Membangun Lestari"), List.of("golkar"), List.of("tiktok:yogaintan02"))),
            List.of(new Election.Group(Platform.FACEBOOK, URI.create("https://www.facebook.com/groups/sahabatbagus"), "Sahabat Bagus",
                            "lestari-01", null),
                    new Election.Group(Platform.FACEBOOK, URI.create("https://www.facebook.com/groups/wargalestaripeduli"), "Warga Lestari Peduli",
                            null, null)));
    static final Election PROVINCE = new Election("pilgub-nusantara-2024", "99", "Gubernur", LocalDate.parse("2024-11-27"), List.of(
            new Candidate("nusa-01", 1, List.of("Hadi Kusumo", "Wulan Dari"), List.of(), List.of("HadiWulan"), List.of(), List.of("pkb"))));
    static final Election ELSEWHERE = new Election("pilwalkot-samudra-2024", "98.02", "Wali Kota", LocalDate.parse("2024-11-27"), List.of(
            new Candidate("samudra-02", 2, List.of("Joko Samudro", "Dewi Laut"), List.of(), List.of("JokoDewi"), List.of(), List.of())));
    static final Watchlist WATCHLIST = new Watchlist("test-1", List.of(
            new Party("pkb", "Partai Kebangkitan Bangsa", List.of("PKB")),
            new Party("golkar", "Partai Golongan Karya", List.of("Golkar"), List.of("instagram:golkar.lestari"))), List.of(LESTARI, PROVINCE, ELSEWHERE));

    static final AsnRecord RUDI = new AsnRecord("198501012010011001", "Rudi Hartono", "Pemerintah Kota Lestari", "Dinas Pendidikan",
            "Guru", "99.01", "Drs. Sutomo", "sutomo@example.go.id", List.of(Account.parse("x:rudi_h"), Account.parse("facebook:rudi.hartono")));

    /** One analyzer, index and classifier for all unit tests (in memory; the JVM's end frees them). */
    static final NetraAnalyzer ANALYZER = new NetraAnalyzer();
    static final WatchlistIndex INDEX = new WatchlistIndex(WATCHLIST, ANALYZER);
    static final PostClassifier CLASSIFIER = new PostClassifier(ANALYZER, Lexicon.load(ANALYZER));

    private Fixtures() {
    }

    static Post post(String id, String handle, String text) {
        return post(Platform.X, id, handle, text);
    }

    static Post post(Platform platform, String id, String handle, String text) {
        return post(platform, id, handle, text, OffsetDateTime.parse("2024-11-10T09:00:00+07:00"));
    }

    static Post post(Platform platform, String id, String handle, String text, OffsetDateTime publishedAt) {
        return new Post(platform, id, URI.create("https://example.com/" + handle + "/" + id), new Author(handle, null), text,
                publishedAt, PostKind.POST);
    }

    /** An interaction of Rudi's ({@code kind}) with {@code text}, answering a post of {@code owner} on Instagram. */
    static Post interaction(PostKind kind, String text, String owner) {
        return new Post(Platform.INSTAGRAM, "C1_" + Math.abs((kind + text + owner).hashCode()), URI.create("https://www.instagram.com/p/C1/c/1/"),
                new Author("rudi_h", null), text, OffsetDateTime.parse("2024-11-10T09:00:00+07:00"), kind, null,
                new PostTarget(Platform.INSTAGRAM, "C1", URI.create("https://www.instagram.com/p/C1/"), new Author(owner, null)), List.of());
    }

    /** Rudi joining the group at {@code url}, owned by {@code owner}. */
    static Post join(String url, String owner) {
        return new Post(Platform.FACEBOOK, "grp_join_rudi", URI.create(url), new Author("rudi.hartono", null), "",
                OffsetDateTime.parse("2024-11-10T09:00:00+07:00"), PostKind.JOIN, null,
                new PostTarget(Platform.FACEBOOK, null, URI.create(url), new Author(owner, null)), List.of());
    }
}
