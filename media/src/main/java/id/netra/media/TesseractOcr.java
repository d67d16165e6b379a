package id.netra.media;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import id.netra.model.MediaText;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tesseract (the distribution's {@code libtesseract} with its {@code ind} and {@code eng} models) through tess4j's JNA
 * binding: words with their boxes and confidence. A fixed number of engines, one per concurrent reading
 * ({@code media.threads}); a reading waits for a free engine. Each reading has a deadline ({@code media.ocr.timeout}):
 * Tesseract stops when it passes, and the reading fails with that reason.
 */
final class TesseractOcr implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TesseractOcr.class);

    /** The C library's {@code setenv}, to set OpenMP's thread limit before Tesseract (and its OpenMP runtime) is loaded. */
    private interface CLibrary extends com.sun.jna.Library {
        int setenv(String name, String value, int overwrite);
    }

    static {
        // Debian's Tesseract parallelises one reading with OpenMP; on a shared machine its threads spin against each other
        // and against the other engines: one picture took 4 to 5 times longer (docs/BENCHMARKS.md (m)). Each engine reads
        // on one thread and the stage runs media.threads engines, unless the operator set OMP_THREAD_LIMIT.
        if (System.getenv("OMP_THREAD_LIMIT") == null && !com.sun.jna.Platform.isWindows()) {
            try {
                Native.load("c", CLibrary.class).setenv("OMP_THREAD_LIMIT", "1", 0);
            } catch (UnsatisfiedLinkError e) {
                LoggerFactory.getLogger(TesseractOcr.class).warn("Cannot set OMP_THREAD_LIMIT=1 ({}); set it in the environment.", e.getMessage());
            }
        }
    }

    /** What was read: the text (words separated by spaces, lines by {@code \n}) and each word with its box. */
    record Recognized(String text, List<MediaText.Word> words) {
    }

    /** A reading that failed or took too long. */
    static final class OcrFailed extends Exception {
        OcrFailed(String message) {
            super(message);
        }
    }

    private final TessAPI api;
    private final BlockingQueue<ITessAPI.TessBaseAPI> engines;
    private final List<ITessAPI.TessBaseAPI> all = new ArrayList<>();
    private final Duration timeout;
    private final double minConfidence;
    private final String description;

    /**
     * @param languages     Tesseract's languages, e.g. {@code ind+eng}
     * @param tessdata      the folder of the models, or null for Tesseract's own default (Debian: /usr/share/tesseract-ocr/5/tessdata)
     * @param minConfidence words read with less confidence (0-100) are left out
     * @throws IllegalStateException when the library or a model cannot be loaded (saying what to install)
     */
    TesseractOcr(String languages, Path tessdata, int engines, Duration timeout, double minConfidence) {
        this.timeout = timeout;
        this.minConfidence = minConfidence;
        try {
            this.api = Native.load("tesseract", TessAPI.class);
        } catch (UnsatisfiedLinkError e) {
            throw new IllegalStateException("Tesseract is not installed (no libtesseract): install the packages tesseract-ocr and "
                    + "tesseract-ocr-ind (Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-ind)", e);
        }
        this.engines = new ArrayBlockingQueue<>(engines);
        for (int i = 0; i < engines; i++) {
            ITessAPI.TessBaseAPI h = api.TessBaseAPICreate();
            if (api.TessBaseAPIInit3(h, tessdata == null ? null : tessdata.toString(), languages) != 0) {
                api.TessBaseAPIDelete(h);
                close();
                throw new IllegalStateException("Tesseract cannot load the models '" + languages + "'"
                        + (tessdata == null ? "" : " from " + tessdata) + ": install tesseract-ocr-ind (and tesseract-ocr for eng), "
                        + "or set media.ocr.tessdata to the folder of the .traineddata files");
            }
            api.TessBaseAPISetPageSegMode(h, ITessAPI.TessPageSegMode.PSM_AUTO);
            all.add(h);
            this.engines.add(h);
        }
        this.description = "tesseract " + api.TessVersion() + " " + languages;
        log.info("OCR ready: {} ({} engines, {} per picture at most).", description, engines, timeout);
    }

    /** The engine and its models, as media texts record it: {@code tesseract 5.3.0 ind+eng}. */
    String description() {
        return description;
    }

    /** Reads the words of a grey picture. */
    Recognized read(ImageGuard.Picture fetched) throws OcrFailed, InterruptedException {
        Deskew.Straightened straight = Deskew.straighten(fetched);
        ImageGuard.Picture picture = straight.picture();
        ITessAPI.TessBaseAPI h = engines.take();
        ITessAPI.ETEXT_DESC monitor = api.TessMonitorCreate();
        try {
            ByteBuffer pixels = ByteBuffer.allocateDirect(picture.grey().length);
            pixels.put(picture.grey()).flip();
            api.TessBaseAPISetImage(h, pixels, picture.width(), picture.height(), 1, picture.width());
            // No resolution is set: posters and screenshots carry none that means anything, and Tesseract's own estimate from
            // the text's height reads large type that a screen's 96 dpi makes it throw away as too big to be text.
            api.TessMonitorSetDeadlineMSecs(monitor, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
            long start = System.nanoTime();
            int rc = api.TessBaseAPIRecognize(h, monitor);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            if (took.compareTo(timeout) >= 0) {
                throw new OcrFailed("reading took longer than " + timeout + " (media.ocr.timeout)");
            }
            if (rc != 0) {
                throw new OcrFailed("Tesseract could not read the picture (code " + rc + ")");
            }
            return words(h, straight);
        } finally {
            api.TessMonitorDelete(monitor);
            api.TessBaseAPIClear(h);
            engines.add(h);
        }
    }

    private Recognized words(ITessAPI.TessBaseAPI h, Deskew.Straightened straight) {
        StringBuilder text = new StringBuilder();
        List<MediaText.Word> words = new ArrayList<>();
        ITessAPI.TessResultIterator it = api.TessBaseAPIGetIterator(h);
        if (it == null) {
            return new Recognized("", List.of());
        }
        try {
            ITessAPI.TessPageIterator page = api.TessResultIteratorGetPageIterator(it);
            int word = ITessAPI.TessPageIteratorLevel.RIL_WORD;
            IntBuffer left = IntBuffer.allocate(1);
            IntBuffer top = IntBuffer.allocate(1);
            IntBuffer right = IntBuffer.allocate(1);
            IntBuffer bottom = IntBuffer.allocate(1);
            boolean newLine = false;
            do {
                if (api.TessPageIteratorIsAtBeginningOf(page, ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE) != 0) {
                    newLine = true;
                }
                Pointer p = api.TessResultIteratorGetUTF8Text(it, word);
                if (p == null) {
                    continue;
                }
                String w;
                try {
                    w = p.getString(0, "UTF-8").strip();
                } finally {
                    api.TessDeleteText(p);
                }
                float confidence = api.TessResultIteratorConfidence(it, word);
                if (w.isEmpty() || confidence < minConfidence || api.TessPageIteratorBoundingBox(page, word, left, top, right, bottom) == 0) {
                    continue;
                }
                if (!text.isEmpty()) {
                    text.append(newLine ? '\n' : ' ');
                }
                newLine = false;
                int start = text.length();
                text.append(w);
                words.add(new MediaText.Word(start, text.length(), straight.original(new MediaText.Box(left.get(0), top.get(0),
                        right.get(0) - left.get(0), bottom.get(0) - top.get(0))), Math.round(confidence * 10) / 10.0));
            } while (api.TessResultIteratorNext(it, word) != 0);
        } finally {
            api.TessResultIteratorDelete(it);
        }
        return new Recognized(text.toString(), List.copyOf(words));
    }

    @Override
    public void close() {
        for (ITessAPI.TessBaseAPI h : all) {
            api.TessBaseAPIEnd(h);
            api.TessBaseAPIDelete(h);
        }
        all.clear();
    }
}
