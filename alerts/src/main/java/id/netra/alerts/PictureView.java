package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.MediaText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rows of a case page that show the captions of the post's videos (with the evidence found in them) and the pictures
 * whose text an alert read (template {@code alert/pictures.jte}): the captured picture (served by
 * {@code /kasus/{id}/gambar/{alertId}/{n}} from the capture on {@code captures}) in a server-drawn SVG with a box
 * around each word that counted as evidence, and the text read with that evidence highlighted. No script: the page's
 * Content-Security-Policy allows none inline. The values here are plain; the template escapes them.
 */
public final class PictureView {
    /** The widest a picture is drawn, in CSS pixels. */
    private static final int SHOWN = 480;

    /**
     * What a video said.
     *
     * @param number   the video's place among the post's media, from 1
     * @param evidence whether evidence was found in it
     */
    public record Caption(int number, boolean evidence, List<Html.Span> text) {
    }

    /**
     * A picture the alert tried to read.
     *
     * @param read   whether its text was read; if not, {@code status} and {@code reason} say why
     * @param drawn  whether it is drawn (its size and hash are known)
     * @param boxes  around the words that counted as evidence, in the picture's pixels
     */
    public record Picture(int index, int number, boolean read, String status, String reason, boolean drawn, int width, int height, int shownWidth,
            int shownHeight, int stroke, List<MediaText.Box> boxes, boolean evidence, List<Html.Span> text, String sha256, String engine) {
    }

    private PictureView() {
    }

    /** The address of a picture of an alert of a case. */
    public static String href(String caseId, String alertId, int index) {
        return "/kasus/" + encode(caseId) + "/gambar/" + encode(alertId) + "/" + index;
    }

    /** {@code <dt>/<dd>} rows for the videos' captions and the pictures {@code a} read, or nothing. */
    static String rows(Alert a, String caseId) {
        return Templates.html("alert/pictures.jte", Map.of("a", a, "caseId", caseId)).strip();
    }

    /** The captions of the post's videos that said something. */
    public static List<Caption> captions(Alert a) {
        List<Caption> out = new ArrayList<>();
        List<id.netra.model.Media> media = a.post().media();
        for (int n = 0; n < media.size(); n++) {
            String said = media.get(n).captionsText();
            if (!said.isBlank()) {
                String field = "media[" + n + "].captions";
                out.add(new Caption(n + 1, a.evidence().stream().anyMatch(e -> field.equals(e.field())), Html.spans(said, a.evidence(), field)));
            }
        }
        return out;
    }

    /** The pictures whose text the alert read (or could not). */
    public static List<Picture> pictures(Alert a) {
        if (a.mediaText() == null) {
            return List.of();
        }
        List<Picture> out = new ArrayList<>();
        for (MediaText.Item item : a.mediaText().items()) {
            String field = "media[" + item.index() + "].ocr";
            String status = item.status().name().toLowerCase(Locale.ROOT);
            if (item.status() != MediaText.Status.READ) {
                out.add(new Picture(item.index(), item.index() + 1, false, status, item.reason() == null ? "" : item.reason(), false, 0, 0, 0, 0, 0, List.of(), false,
                        List.of(), null, null));
                continue;
            }
            List<Alert.Evidence> found = a.evidence().stream().filter(e -> field.equals(e.field())).toList();
            Set<MediaText.Box> boxes = new LinkedHashSet<>();
            found.forEach(e -> boxes.addAll(e.boxes()));
            boolean drawn = item.width() != null && item.height() != null && item.sha256() != null;
            int w = drawn ? item.width() : 0;
            int h = drawn ? item.height() : 0;
            double shown = Math.min(SHOWN, w);
            out.add(new Picture(item.index(), item.index() + 1, true, status, "", drawn, w, h, (int) shown,
                    w == 0 ? 0 : (int) Math.round(shown * h / w), Math.max(2, w / 200), List.copyOf(boxes), !found.isEmpty(),
                    Html.spans(item.textOrEmpty(), a.evidence(), field), item.sha256(), a.mediaText().engine()));
        }
        return out;
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
