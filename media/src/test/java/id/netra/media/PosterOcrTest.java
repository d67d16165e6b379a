package id.netra.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.text.Normalizer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * How much of a campaign poster's watchlist text the OCR reads: posters drawn with Java2D (pair names, ballot numbers,
 * slogans and hashtags, in several fonts, sizes and rotations), clean and with noise, read by Tesseract as the media stage
 * reads them, and the share of their watchlist terms found in the text read (case and punctuation aside). The figures are
 * printed; docs/BENCHMARKS.md records them.
 */
class PosterOcrTest {
    /** A pair's poster: its lines, and the watchlist terms in them. */
    record Poster(List<String> lines, List<String> terms) {
    }

    static final List<Poster> POSTERS = List.of(
            new Poster(List.of("COBLOS NO 2", "Hendra Wijaya - Siti Rahmawati", "Metro Berkah Bersama"),
                    List.of("coblos no 2", "hendra wijaya", "siti rahmawati", "metro berkah bersama")),
            new Poster(List.of("NOMOR URUT 1", "Bagus Wirawan & Ratna Sari", "Lestari Makin Maju"),
                    List.of("nomor urut 1", "bagus wirawan", "ratna sari", "lestari makin maju")),
            new Poster(List.of("PILIH PASLON 03", "Yoga Pratama - Intan Permata", "#YogaIntan"),
                    List.of("paslon 03", "yoga pratama", "intan permata", "yogaintan")),
            new Poster(List.of("AYO MENANGKAN", "Arif Gunawan - Melati Sukma", "Madiun Bangkit Bersama"),
                    List.of("menangkan", "arif gunawan", "melati sukma", "madiun bangkit bersama")));

    static final List<String> FONTS = List.of(Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG);

    static TesseractOcr ocr;
    static final ImageGuard GUARD = new ImageGuard(40_000_000, 12_000);

    @BeforeAll
    static void engine() {
        ocr = new TesseractOcr("ind+eng", null, 1, Duration.ofSeconds(60), 30);
    }

    @AfterAll
    static void close() {
        ocr.close();
    }

    static String normal(String s) {
        String folded = Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
        return " " + folded.replaceAll("[^\\p{L}\\p{N}]+", " ").strip() + " ";
    }

    /** Terms found and terms in all, over the posters of {@code styles}. */
    static int[] recall(List<Posters.Style> styles) throws Exception {
        int found = 0;
        int all = 0;
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < styles.size(); i++) {
            Poster p = POSTERS.get(i % POSTERS.size());
            byte[] png = Posters.png(p.lines(), styles.get(i));
            String text = normal(ocr.read(GUARD.decode("image/png", png)).text());
            for (String term : p.terms()) {
                all++;
                if (text.contains(normal(term))) {
                    found++;
                } else {
                    missed.add(term + " in " + styles.get(i).font() + "/" + styles.get(i).size() + "px/" + styles.get(i).rotation() + "° read as" + text);
                }
            }
        }
        missed.forEach(m -> System.out.println("PosterOcrTest: missed " + m));
        return new int[] {found, all};
    }

    static List<Posters.Style> styles(double noise) {
        List<Posters.Style> out = new ArrayList<>();
        int[] sizes = {72, 96, 120};
        double[] rotations = {0, -4, 3, 7};
        int n = 0;
        for (String font : FONTS) {
            for (int s = 0; s < sizes.length; s++) {
                out.add(new Posters.Style(1080, 1350, font, n % 2 == 0, sizes[s], rotations[n % rotations.length], noise, n));
                n++;
            }
        }
        return out;
    }

    @Test
    void readsAtLeastNineInTenWatchlistTermsOnCleanPostersAndReportsNoisyOnes() throws Exception {
        int[] clean = recall(styles(0));
        int[] noisy = recall(styles(0.6));
        double cleanRecall = (double) clean[0] / clean[1];
        double noisyRecall = (double) noisy[0] / noisy[1];
        System.out.printf(Locale.ROOT, "PosterOcrTest: recall of watchlist terms on clean posters %.3f (%d of %d), on noisy posters %.3f (%d of %d)%n",
                cleanRecall, clean[0], clean[1], noisyRecall, noisy[0], noisy[1]);

        assertThat(cleanRecall).isGreaterThanOrEqualTo(0.9);
        assertThat(noisy[1]).isEqualTo(clean[1]);
    }
}
