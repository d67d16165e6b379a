package id.netra.media;

import id.netra.ingest.http.FetchException;
import id.netra.ingest.http.Fetched;
import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.model.Capture;
import id.netra.model.Media;
import id.netra.model.MediaText;
import id.netra.model.Post;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one picture of a post: fetches it through the polite fetcher (robots.txt, one request at a time per host with a
 * pause, the SSRF guard on the vetted addresses, the size limit), checks and decodes it ({@link ImageGuard}), keeps its
 * bytes as a capture with their SHA-256, and reads its text ({@link TesseractOcr}).
 */
final class PictureReader {
    private static final Logger log = LoggerFactory.getLogger(PictureReader.class);
    /** The {@code sourceId} of picture captures on {@code captures}. */
    static final String SOURCE = "media";

    /**
     * What became of a picture.
     *
     * @param capture the picture's bytes as evidence, when fetched
     * @param refusal why it was refused (the dead letter's reason), when it was
     */
    record Outcome(MediaText.Item item, Capture capture, String refusal) {
    }

    private final PoliteFetcher fetcher;
    private final HttpPolicy policy;
    private final ImageGuard guard;
    private final TesseractOcr ocr;
    private final MediaMeters meters;

    PictureReader(PoliteFetcher fetcher, HttpPolicy policy, ImageGuard guard, TesseractOcr ocr, MediaMeters meters) {
        this.fetcher = fetcher;
        this.policy = policy;
        this.guard = guard;
        this.ocr = ocr;
        this.meters = meters;
    }

    Outcome read(Post post, int index) throws InterruptedException {
        Media media = post.media().get(index);
        URI url = media.pictureUrl();
        String source = media.type() == Media.Type.IMAGE ? "image" : "video-cover";
        Fetched f;
        try {
            f = fetcher.fetch(url, policy);
        } catch (FetchException e) {
            if (e.kind() == FetchException.Kind.TOO_LARGE) {
                String why = "picture too large: " + e.getMessage();
                return refused(new MediaText.Item(index, source, url, MediaText.Status.REFUSED, why, null, null, null, null, null, null, null),
                        null, why);
            }
            meters.picture(MediaText.Status.UNAVAILABLE);
            log.info("Picture {} of post {} not fetched: {}", index, post.key(), e.getMessage());
            return new Outcome(new MediaText.Item(index, source, url, MediaText.Status.UNAVAILABLE, e.kind() + ": " + e.getMessage(),
                    null, null, null, null, null, null, null), null, null);
        }
        Capture capture = new Capture(post.key(), SOURCE, f.requestUrl(), f.finalUrl(), f.status(), f.contentType(), f.fetchedAt(),
                f.sha256(), "gzip", gzip(f.body()), null);
        ImageGuard.Picture picture;
        try {
            picture = guard.decode(f.contentType(), f.body());
        } catch (ImageGuard.Refused e) {
            return refused(new MediaText.Item(index, source, url, MediaText.Status.REFUSED, e.getMessage(), f.sha256(), f.contentType(),
                    f.fetchedAt(), null, null, null, null), capture, e.getMessage());
        }
        long start = System.nanoTime();
        try {
            TesseractOcr.Recognized r = ocr.read(picture);
            meters.ocr(System.nanoTime() - start);
            meters.picture(MediaText.Status.READ);
            return new Outcome(new MediaText.Item(index, source, url, MediaText.Status.READ, null, f.sha256(), f.contentType(), f.fetchedAt(),
                    picture.width(), picture.height(), r.text(), r.words()), capture, null);
        } catch (TesseractOcr.OcrFailed e) {
            meters.picture(MediaText.Status.FAILED);
            log.warn("Picture {} of post {} ({}) could not be read: {}", index, post.key(), url, e.getMessage());
            return new Outcome(new MediaText.Item(index, source, url, MediaText.Status.FAILED, e.getMessage(), f.sha256(), f.contentType(),
                    f.fetchedAt(), picture.width(), picture.height(), null, null), capture, null);
        }
    }

    private Outcome refused(MediaText.Item item, Capture capture, String why) {
        meters.picture(MediaText.Status.REFUSED);
        return new Outcome(item, capture, why);
    }

    static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, bytes.length));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
