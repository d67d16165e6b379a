package id.netra.media;

import java.awt.Font;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * How many pictures the media stage reads per second: campaign posters of 1080 x 1350 pixels (the shape of an Instagram
 * post; text in several fonts, sizes, slants and noise levels), each decoded, checked, straightened and read as the stage
 * reads a fetched picture, on {@code threads} threads with one Tesseract engine each. Fetching is not timed.
 */
public final class OcrThroughput {
    /**
     * @param perPictureMillis the time one picture took, sorted
     * @param words            the words read, over all pictures
     */
    public record Result(int pictures, int threads, double seconds, List<Double> perPictureMillis, long words, String engine) {
        public double picturesPerSecond() {
            return pictures / seconds;
        }

        public double millisAt(double quantile) {
            return perPictureMillis.get(Math.min(perPictureMillis.size() - 1, (int) Math.floor(quantile * perPictureMillis.size())));
        }
    }

    private OcrThroughput() {
    }

    /** The posters read: {@code n} of them, varied by {@code seed}. */
    public static List<byte[]> posters(int n, long seed) {
        String[][] pairs = {{"COBLOS NO 2", "Hendra Wijaya - Siti Rahmawati", "Metro Berkah Bersama"},
                {"NOMOR URUT 1", "Bagus Wirawan & Ratna Sari", "Lestari Makin Maju"},
                {"PILIH PASLON 03", "Yoga Pratama - Intan Permata", "#YogaIntan"},
                {"AYO MENANGKAN", "Arif Gunawan - Melati Sukma", "Madiun Bangkit Bersama"}};
        String[] fonts = {Font.SANS_SERIF, Font.SERIF, Font.MONOSPACED, Font.DIALOG};
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Posters.png(List.of(pairs[i % pairs.length]), new Posters.Style(1080, 1350, fonts[(i / 4) % fonts.length], i % 2 == 0,
                    72 + 24 * (i % 3), (i % 5) - 2.0, (i % 3) * 0.3, seed + i)));
        }
        return out;
    }

    /** Reads every poster once after {@code warmUp} unmeasured readings. */
    public static Result run(List<byte[]> posters, int threads, int warmUp) throws Exception {
        ImageGuard guard = new ImageGuard(40_000_000, 12_000);
        try (TesseractOcr ocr = new TesseractOcr("ind+eng", null, threads, Duration.ofSeconds(60), 30)) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int i = 0; i < warmUp; i++) {
                    ocr.read(guard.decode("image/png", posters.get(i % posters.size())));
                }
                long start = System.nanoTime();
                List<Future<long[]>> done = new ArrayList<>();
                for (byte[] p : posters) {
                    done.add(pool.submit(() -> {
                        long t = System.nanoTime();
                        int words = ocr.read(guard.decode("image/png", p)).words().size();
                        return new long[] {System.nanoTime() - t, words};
                    }));
                }
                List<Double> each = new ArrayList<>();
                long words = 0;
                for (Future<long[]> f : done) {
                    long[] r = f.get();
                    each.add(r[0] / 1e6);
                    words += r[1];
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                each.sort(Double::compare);
                return new Result(posters.size(), threads, seconds, List.copyOf(each), words, ocr.description());
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
