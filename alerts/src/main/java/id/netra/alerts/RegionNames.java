package id.netra.alerts;

import id.netra.model.Regions;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A region as an analyst types it, read as a Kemendagri code: a code ({@code 32.73}), a full name ({@code Kota Bandung},
 * case, accents, dots and spacing ignored), a name written the usual short ways ({@code Kab. Bandung}, {@code Kab
 * Bandung}, {@code Kodya Bandung}, {@code Provinsi Lampung}, {@code Prov. Lampung}), a province's common abbreviation
 * ({@code Jabar}, {@code Sumut}, {@code NTB}, {@code DKI}), or a regency's name without its "Kabupaten"/"Kota" when only
 * one regency is called that ({@code Metro}). A name that fits several ({@code Bandung}: the regency and the city) or
 * none gives no code but the names it could mean, for the page to offer.
 */
final class RegionNames {
    /** The code a text means, or (when {@code code} is null) the full names it might mean, best first (at most 8). */
    record Reading(String code, List<String> suggestions) {
    }

    private static final int MAX_SUGGESTIONS = 8;

    /**
     * The abbreviations of province names in everyday use (press, government, social media). Keyed by the province's
     * name as in the bundled table, so that a code is never written twice.
     */
    private static final Map<String, List<String>> PROVINCE_ABBREVIATIONS = Map.ofEntries(
            Map.entry("Aceh", List.of("nad")),
            Map.entry("Sumatera Utara", List.of("sumut")),
            Map.entry("Sumatera Barat", List.of("sumbar")),
            Map.entry("Sumatera Selatan", List.of("sumsel")),
            Map.entry("Kepulauan Bangka Belitung", List.of("babel", "bangka belitung")),
            Map.entry("Kepulauan Riau", List.of("kepri")),
            Map.entry("Daerah Khusus Ibukota Jakarta", List.of("dki", "dki jakarta", "jakarta")),
            Map.entry("Jawa Barat", List.of("jabar")),
            Map.entry("Jawa Tengah", List.of("jateng")),
            Map.entry("Daerah Istimewa Yogyakarta", List.of("diy", "yogyakarta", "jogja", "jogjakarta")),
            Map.entry("Jawa Timur", List.of("jatim")),
            Map.entry("Nusa Tenggara Barat", List.of("ntb")),
            Map.entry("Nusa Tenggara Timur", List.of("ntt")),
            Map.entry("Kalimantan Barat", List.of("kalbar")),
            Map.entry("Kalimantan Tengah", List.of("kalteng")),
            Map.entry("Kalimantan Selatan", List.of("kalsel")),
            Map.entry("Kalimantan Timur", List.of("kaltim")),
            Map.entry("Kalimantan Utara", List.of("kaltara")),
            Map.entry("Sulawesi Utara", List.of("sulut")),
            Map.entry("Sulawesi Tengah", List.of("sulteng")),
            Map.entry("Sulawesi Selatan", List.of("sulsel")),
            Map.entry("Sulawesi Tenggara", List.of("sultra")),
            Map.entry("Sulawesi Barat", List.of("sulbar")),
            Map.entry("Maluku Utara", List.of("malut")),
            Map.entry("Papua Barat", List.of("pabar")),
            Map.entry("Papua Barat Daya", List.of("pbd")));

    /** How a regency or province is prefixed in writing, and the prefix of the bundled names it stands for. */
    private static final List<String[]> PREFIXES = List.of(
            new String[] {"kab adm ", "kabupaten administrasi "}, new String[] {"kota adm ", "kota administrasi "},
            new String[] {"kab ", "kabupaten "}, new String[] {"kotamadya ", "kota "}, new String[] {"kodya ", "kota "},
            new String[] {"kotamadia ", "kota "}, new String[] {"provinsi ", ""}, new String[] {"prov ", ""},
            new String[] {"propinsi ", ""});

    /** "Kabupaten", "Kota" and their "Administrasi" forms: what a regency's name is without. */
    private static final Pattern REGENCY_KIND = Pattern.compile("^(kabupaten|kota)( administrasi)? ");

    private static final RegionNames BUNDLED = new RegionNames(Regions.bundled());

    private final Regions regions;
    /** Folded full name or abbreviation -> code. */
    private final Map<String, String> byName = new HashMap<>();
    /** Folded regency name without its kind -> codes. */
    private final Map<String, List<String>> byBareName = new HashMap<>();
    /** Folded full name -> code, provinces first, in the table's order: where suggestions are looked for. */
    private final Map<String, String> all = new LinkedHashMap<>();

    RegionNames(Regions regions) {
        this.regions = regions;
        // Regencies first, so that a province keeps its name where a city is called the same (DKI Jakarta is not a city).
        for (String code : regions.codes()) {
            String name = fold(regions.name(code).orElseThrow());
            if (code.contains(".")) {
                byName.put(name, code);
                byBareName.computeIfAbsent(REGENCY_KIND.matcher(name).replaceFirst(""), k -> new ArrayList<>()).add(code);
            }
        }
        for (String code : regions.codes()) {
            String name = regions.name(code).orElseThrow();
            if (!code.contains(".")) {
                byName.put(fold(name), code);
                PROVINCE_ABBREVIATIONS.getOrDefault(name, List.of()).forEach(a -> byName.putIfAbsent(fold(a), code));
            }
            all.put(fold(name), code);
        }
    }

    static RegionNames bundled() {
        return BUNDLED;
    }

    /** What {@code text} means: a code, or the names it could mean (none when nothing is like it). */
    Reading read(String text) {
        String t = text.strip();
        if (regions.isKnown(t)) {
            return new Reading(t, List.of());
        }
        String folded = expand(fold(t));
        String code = byName.get(folded);
        if (code != null) {
            return new Reading(code, List.of());
        }
        List<String> bare = byBareName.getOrDefault(folded, List.of());
        if (bare.size() == 1) {
            return new Reading(bare.getFirst(), List.of());
        }
        List<String> suggestions = new ArrayList<>();
        bare.forEach(c -> suggestions.add(regions.name(c).orElseThrow()));
        if (!folded.isEmpty()) {
            // Then every name with the text in it: at the start of a word first.
            List<String> later = new ArrayList<>();
            for (Map.Entry<String, String> e : all.entrySet()) {
                String name = regions.name(e.getValue()).orElseThrow();
                if (suggestions.contains(name)) {
                    continue;
                }
                int at = e.getKey().indexOf(folded);
                if (at == 0 || (at > 0 && e.getKey().charAt(at - 1) == ' ')) {
                    suggestions.add(name);
                } else if (at > 0) {
                    later.add(name);
                }
            }
            suggestions.addAll(later);
        }
        return new Reading(null, List.copyOf(suggestions.subList(0, Math.min(MAX_SUGGESTIONS, suggestions.size()))));
    }

    /** Lower case, accents off, dots and commas as spaces, one space between words. */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
                .replaceAll("[.,]", " ").replaceAll("\\s+", " ").strip();
    }

    private static String expand(String folded) {
        for (String[] p : PREFIXES) {
            if (folded.startsWith(p[0])) {
                return p[1] + folded.substring(p[0].length());
            }
        }
        return folded;
    }
}
