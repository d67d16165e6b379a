package id.netra.app.bench;

import id.netra.model.Account;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.Party;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Regions;
import id.netra.model.Watchlist;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Synthetic national-scale data for benchmarks, deterministic from a seed: a Pilkada-2024-shaped watchlist (every
 * province but one and every regency/city outside Jakarta: 545 elections, about 1,550 candidate pairs with aliases,
 * hashtags and slogans, the national parties), a registry of millions of ASN with one or two accounts each, and
 * posts by them in the register of Indonesian social media. Names are made of syllables and belong to nobody.
 */
public final class NationalData {
    private static final String[] SYLLABLES = {"ba", "bu", "da", "di", "ga", "gu", "ha", "ja", "ka", "ku", "la", "li", "ma",
        "mu", "na", "ni", "pa", "pu", "ra", "ri", "sa", "si", "su", "ta", "ti", "tu", "wa", "ya", "yu", "dan", "wan", "man",
        "yah", "dra", "tri", "sur", "jan", "ris", "ton", "rul"};
    private static final String[] HONORIFICS = {"Pak", "Bang", "Mas", "Kang", "Gus", "Abah", "Uda", "Datuk"};
    private static final String[] VIRTUES = {"Maju", "Berkah", "Sejahtera", "Bangkit", "Hebat", "Bersatu", "Mandiri", "Gemilang",
        "Madani", "Berdaya", "Amanah", "Cerdas"};
    private static final String[] PARTY_NAMES = {
        "pdip|Partai Demokrasi Indonesia Perjuangan|PDIP|PDI Perjuangan", "golkar|Partai Golongan Karya|Golkar",
        "gerindra|Partai Gerakan Indonesia Raya|Gerindra", "nasdem|Partai NasDem|NasDem", "pkb|Partai Kebangkitan Bangsa|PKB",
        "pks|Partai Keadilan Sejahtera|PKS", "pan|Partai Amanat Nasional|PAN", "demokrat|Partai Demokrat|Partai Demokrat",
        "ppp|Partai Persatuan Pembangunan|PPP", "perindo|Partai Persatuan Indonesia|Perindo", "hanura|Partai Hati Nurani Rakyat|Hanura",
        "psi|Partai Solidaritas Indonesia|PSI", "gelora|Partai Gelombang Rakyat Indonesia|Partai Gelora", "pbb|Partai Bulan Bintang|PBB",
        "buruh|Partai Buruh|Partai Buruh", "ummat|Partai Ummat|Partai Ummat", "pkn|Partai Kebangkitan Nusantara|PKN",
        "garuda|Partai Garda Republik Indonesia|Partai Garuda"};
    private static final String[] CHATTER = {"selamat pagi", "rapat koordinasi", "di kantor", "hari ini", "bersama warga",
        "pelayanan publik", "kegiatan posyandu", "alhamdulillah", "semoga lancar", "terima kasih", "jalan rusak", "banjir",
        "harga cabai naik", "upacara bendera", "ngopi dulu", "anak sekolah", "libur panjang", "pengajian rutin",
        "jangan lupa sarapan", "cuaca panas", "macet parah", "gotong royong", "vaksinasi", "kerja bakti", "lomba 17an"};

    /** One election region: its code and name. */
    record Region(String code, String name) {
    }

    private NationalData() {
    }

    /** The Pilkada 2024 regions: provinces but Yogyakarta (34), regencies and cities outside Jakarta (31.xx). */
    static List<Region> regions() {
        Regions regions = Regions.bundled();
        return regions.codes().stream()
                .filter(code -> !code.equals("34") && !code.startsWith("31."))
                .map(code -> new Region(code, regions.name(code).orElseThrow()))
                .toList();
    }

    /** A national watchlist: one election per region, 2 to 5 pairs each (2.85 on average). */
    public static Watchlist watchlist(long seed) {
        Random random = new Random(seed);
        List<Party> parties = new ArrayList<>();
        for (String p : PARTY_NAMES) {
            String[] f = p.split("\\|");
            parties.add(new Party(f[0], f[1], List.of(f).subList(2, f.length)));
        }
        List<Election> elections = new ArrayList<>();
        for (Region region : regions()) {
            boolean province = !region.code().contains(".");
            String place = region.name().replaceFirst("^(Kabupaten|Kota|Provinsi) ", "").replace(" ", "");
            String office = province ? "Gubernur" : region.name().startsWith("Kota") ? "Wali Kota" : "Bupati";
            String id = (province ? "pilgub-" : region.name().startsWith("Kota") ? "pilwalkot-" : "pilbup-")
                    + region.code().replace('.', '-') + "-2024";
            int r = random.nextInt(100);
            int pairs = r < 40 ? 2 : r < 80 ? 3 : r < 95 ? 4 : 5;
            List<Candidate> candidates = new ArrayList<>();
            for (int n = 1; n <= pairs; n++) {
                String head = name(random) + " " + name(random);
                String deputy = name(random) + " " + name(random);
                String headFirst = head.substring(0, head.indexOf(' '));
                String deputyFirst = deputy.substring(0, deputy.indexOf(' '));
                String virtue = VIRTUES[random.nextInt(VIRTUES.length)];
                String acronym = (headFirst.substring(0, 2) + deputyFirst.substring(0, 2)).toUpperCase(Locale.ROOT);
                List<String> supporting = new ArrayList<>();
                for (int k = 1 + random.nextInt(3); k > 0; k--) {
                    String party = parties.get(random.nextInt(parties.size())).id();
                    if (!supporting.contains(party)) {
                        supporting.add(party);
                    }
                }
                candidates.add(new Candidate(id + "-0" + n, n, List.of(head, deputy),
                        List.of(HONORIFICS[random.nextInt(HONORIFICS.length)] + " " + headFirst, acronym),
                        List.of(headFirst + deputyFirst, place + virtue + "0" + n),
                        List.of(place + " " + virtue + ", Rakyat " + VIRTUES[random.nextInt(VIRTUES.length)]), supporting));
            }
            elections.add(new Election(id, region.code(), office, LocalDate.parse("2024-11-27"), candidates));
        }
        return new Watchlist("bench-national-" + seed, parties, elections);
    }

    private static String name(Random random) {
        StringBuilder b = new StringBuilder();
        for (int i = 2 + random.nextInt(2); i > 0; i--) {
            b.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        }
        return Character.toUpperCase(b.charAt(0)) + b.substring(1);
    }

    /**
     * The {@code i}-th ASN of a registry (0 <= i < 12,096,000): a valid and unique NIP (the birth date encodes
     * {@code i / 1000}, the sequence {@code i % 1000}), a region of the watchlist, one or two accounts.
     */
    public static AsnRecord asn(long i, List<Election> elections) {
        SplittableRandom random = new SplittableRandom(i * 0x9E3779B97F4A7C15L);
        long p = i / 1000;
        int year = 1965 + (int) (p / 336 % 36);
        String nip = String.format("%04d%02d%02d%04d%02d%d%03d", year, 1 + p / 28 % 12, 1 + p % 28,
                year + 20 + random.nextInt(3), 1 + random.nextInt(12), 1 + random.nextInt(2), i % 1000);
        Election e = elections.get((int) (i % elections.size()));
        List<Account> accounts = new ArrayList<>();
        accounts.add(new Account(Platform.X, "asn" + i));
        if (random.nextBoolean()) {
            accounts.add(new Account(Platform.FACEBOOK, "asn.bench." + i));
        }
        return new AsnRecord(nip, "ASN " + i, "Pemerintah " + e.regionCode(), "Dinas " + (i % 40), "Staf",
                e.regionCode(), "Atasan " + (i / 100), "atasan" + (i / 100) + "@example.go.id", accounts);
    }

    /**
     * The {@code i}-th post, by the author of registry record {@code asnIndex}: 80 % everyday chatter and 20 % about the
     * election (8 % support for a candidate of the author's region by name, 5 % a call to vote by ballot number, 2 % a
     * campaign hashtag, 5 % neutral information naming every pair).
     */
    public static Post post(long i, long asnIndex, List<Election> elections) {
        return post(i, asnIndex, elections, false);
    }

    /** Like {@link #post(long, long, List)}, but always one of the election kinds. */
    public static Post electionPost(long i, long asnIndex, List<Election> elections) {
        return post(i, asnIndex, elections, true);
    }

    private static Post post(long i, long asnIndex, List<Election> elections, boolean aboutElection) {
        SplittableRandom random = new SplittableRandom(i * 0xBF58476D1CE4E5B9L + 7);
        Election e = elections.get((int) (asnIndex % elections.size()));
        Candidate c = e.candidates().get(random.nextInt(e.candidates().size()));
        StringBuilder text = new StringBuilder();
        for (int k = 1 + random.nextInt(4); k > 0; k--) {
            text.append(CHATTER[random.nextInt(CHATTER.length)]).append(", ");
        }
        int kind = aboutElection ? random.nextInt(20) : random.nextInt(100);
        if (kind < 8) {
            text.append("dukung ").append(c.names().getFirst()).append(" sampai menang!");
        } else if (kind < 13) {
            text.append("ayo coblos nomor ").append(c.number()).append(" tanggal 27 ✌️");
        } else if (kind < 15) {
            text.append("#").append(c.hashtags().getLast());
        } else if (kind < 20) {
            text.append("debat publik malam ini: ");
            e.candidates().forEach(x -> text.append("paslon ").append(x.number()).append(" ").append(x.names().getFirst()).append("; "));
        } else {
            text.append("semangat pagi semua 🙏");
        }
        String handle = (asnIndex % 3 == 0 ? "@ASN" : "asn") + asnIndex;
        return new Post(Platform.X, Long.toString(1_850_000_000_000_000_000L + i), URI.create("https://x.com/" + handle.replace("@", "") + "/status/" + i),
                new Author(handle, null), text.toString(), OffsetDateTime.parse("2024-11-10T08:00:00+07:00").plusSeconds(i), PostKind.POST);
    }
}
