package id.netra.classifier;

import id.netra.model.Alert;
import id.netra.model.Media;
import id.netra.model.MediaText;
import id.netra.model.Post;
import id.netra.model.PostKind;
import java.util.ArrayList;
import java.util.List;

/**
 * What the classifier reads of a post: its text and, where the rule data asks for it, the alt text or caption of each
 * picture and video, one after the other with a blank line between, so the same analysis, cues and rules apply to all of
 * them and a cue in the text counts for a name in the picture ("Semangat pagi 💪" over a poster "COBLOS NO 1"). Evidence
 * found in an alt text says so ({@code media[N].alt}) and points into that alt text.
 *
 * @param text     the text read: the post's, then its alt texts
 * @param segments where each part starts in {@code text}, the post's own text first
 */
record Reading(String text, List<Segment> segments) {
    private static final String SEPARATOR = "\n\n";

    /**
     * One part of what is read: the post's text (field null), an alt text, or the text read in a picture.
     *
     * @param picture for the text read in a picture ({@code media[N].ocr}), its item: where each word is
     */
    record Segment(String field, int start, int length, MediaText.Item picture) {
        Segment(String field, int start, int length) {
            this(field, start, length, null);
        }

        int end() {
            return start + length;
        }
    }

    static Reading of(Post post, boolean readsAltText) {
        return of(post, readsAltText, false, null);
    }

    /**
     * What is read of {@code post}: its text, its alt texts where {@code readsAltText}, its videos' captions where
     * {@code readsCaptions} ({@code media[N].captions}), and then, where {@code pictures} is given, the text read in each of
     * its pictures ({@code media[N].ocr}).
     *
     * @param pictures the post's media text, or null to read no picture
     */
    static Reading of(Post post, boolean readsAltText, boolean readsCaptions, MediaText pictures) {
        List<Segment> segments = new ArrayList<>();
        segments.add(new Segment(null, 0, post.text().length()));
        boolean alts = readsAltText && post.media().stream().anyMatch(m -> !m.altText().isBlank());
        boolean captions = readsCaptions && post.media().stream().anyMatch(m -> !m.captionsText().isBlank());
        boolean ocr = pictures != null && pictures.items().stream().anyMatch(Reading::readable);
        if (!alts && !captions && !ocr) {
            return new Reading(post.text(), segments);
        }
        StringBuilder text = new StringBuilder(post.text());
        List<Media> media = post.media();
        for (int i = 0; alts && i < media.size(); i++) {
            String alt = media.get(i).altText();
            if (alt.isBlank()) {
                continue;
            }
            text.append(SEPARATOR);
            segments.add(new Segment("media[" + i + "].alt", text.length(), alt.length()));
            text.append(alt);
        }
        for (int i = 0; captions && i < media.size(); i++) {
            String said = media.get(i).captionsText();
            if (said.isBlank()) {
                continue;
            }
            text.append(SEPARATOR);
            segments.add(new Segment("media[" + i + "].captions", text.length(), said.length()));
            text.append(said);
        }
        if (ocr) {
            for (MediaText.Item item : pictures.items()) {
                if (!readable(item)) {
                    continue;
                }
                text.append(SEPARATOR);
                segments.add(new Segment("media[" + item.index() + "].ocr", text.length(), item.text().length(), item));
                text.append(item.text());
            }
        }
        return new Reading(text.toString(), List.copyOf(segments));
    }

    private static boolean readable(MediaText.Item item) {
        return item.status() == MediaText.Status.READ && !item.textOrEmpty().isBlank();
    }

    /** Whether a picture's text was read. */
    boolean readsPictures() {
        return segments.stream().anyMatch(s -> s.picture() != null);
    }

    /** Whether {@code [start, end)} lies in one part: a phrase never runs from the text into a picture's alt text. */
    boolean withinOneField(int start, int end) {
        Segment s = segmentAt(start);
        return s != null && end <= s.end();
    }

    private Segment segmentAt(int offset) {
        for (Segment s : segments) {
            if (offset >= s.start() && offset < Math.max(s.end(), s.start() + 1)) {
                return s;
            }
        }
        return null;
    }

    /** Evidence for the span {@code [start, end)} of {@link #text()}, with its offsets in its own field. */
    Alert.Evidence evidence(int start, int end, String type, String ref) {
        Segment s = segmentAt(start);
        String span = text.substring(start, end);
        if (s == null || s.field() == null) {
            return new Alert.Evidence(start, end, span, type, ref);
        }
        int from = start - s.start();
        int to = end - s.start();
        return new Alert.Evidence(from, to, span, type, ref, s.field(), s.picture() == null ? List.of() : s.picture().boxes(from, to));
    }

    /**
     * Where the author's own words end in the post's text: for a share, at the blank line before the shared text (a
     * share without one is taken as the shared text alone); otherwise the whole text.
     */
    int ownEnd(Post post) {
        if (post.kind() != PostKind.SHARE) {
            return post.text().length();
        }
        int blank = post.text().indexOf(SEPARATOR);
        return Math.max(blank, 0);
    }

    /** The author's own words (see {@link #ownEnd}). */
    String ownWords(Post post) {
        return post.text().substring(0, ownEnd(post));
    }
}
