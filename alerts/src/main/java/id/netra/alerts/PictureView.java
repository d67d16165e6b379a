package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.MediaText;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The rows of a case page that show the captions of the post's videos (with the evidence found in them) and the pictures
 * whose text an alert read: the captured picture (served by
 * {@code /kasus/{id}/gambar/{alertId}/{n}} from the capture on {@code captures}) in a server-drawn SVG with a box
 * around each word that counted as evidence, and the text read with that evidence highlighted. No script: the page's
 * Content-Security-Policy allows none inline. Every value is untrusted text and is escaped.
 */
final class PictureView {
    private PictureView() {
    }

    /** The address of a picture of an alert of a case. */
    static String href(String caseId, String alertId, int index) {
        return "/kasus/" + encode(caseId) + "/gambar/" + encode(alertId) + "/" + index;
    }

    /** {@code <dt>/<dd>} rows for the videos' captions and the pictures {@code a} read, or nothing. */
    static String rows(Alert a, String caseId) {
        StringBuilder h = new StringBuilder();
        List<id.netra.model.Media> media = a.post().media();
        for (int n = 0; n < media.size(); n++) {
            String said = media.get(n).captionsText();
            if (said.isBlank()) {
                continue;
            }
            String field = "media[" + n + "].captions";
            boolean evidence = a.evidence().stream().anyMatch(e -> field.equals(e.field()));
            h.append("<dt>Teks takarir video ").append(n + 1).append("</dt><dd class=\"captions\">")
                    .append(evidence ? "(bukti ditemukan di sini) " : "").append(Html.highlight(said, a.evidence(), field)).append("</dd>");
        }
        if (a.mediaText() == null) {
            return h.toString();
        }
        for (MediaText.Item item : a.mediaText().items()) {
            String field = "media[" + item.index() + "].ocr";
            List<Alert.Evidence> found = a.evidence().stream().filter(e -> field.equals(e.field())).toList();
            h.append("<dt>Teks dalam gambar ").append(item.index() + 1).append("</dt><dd class=\"picture\">");
            if (item.status() != MediaText.Status.READ) {
                h.append("tidak terbaca (").append(Html.escape(item.status().name().toLowerCase(java.util.Locale.ROOT))).append("): ")
                        .append(Html.escape(item.reason())).append("</dd>");
                continue;
            }
            if (item.width() != null && item.height() != null && item.sha256() != null) {
                h.append(svg(a, caseId, item, found));
            }
            h.append("<div class=\"ocr\">teks terbaca").append(found.isEmpty() ? "" : " (bukti ditemukan di sini)").append(": ")
                    .append(Html.highlight(item.textOrEmpty(), a.evidence(), field)).append("</div>");
            h.append("<div class=\"meta\">SHA-256 ").append(Html.escape(item.sha256())).append(" · ")
                    .append(Html.escape(a.mediaText().engine())).append("</div></dd>");
        }
        return h.toString();
    }

    /** The picture at most 480 pixels wide, with a red box around each word of the evidence. */
    private static String svg(Alert a, String caseId, MediaText.Item item, List<Alert.Evidence> found) {
        int w = item.width();
        int h = item.height();
        double shown = Math.min(480, w);
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"").append((int) shown).append("\" height=\"").append((int) Math.round(shown * h / w))
                .append("\"><title>Gambar ").append(item.index() + 1).append(" dengan kata yang dihitung sebagai bukti</title>")
                .append("<image href=\"").append(Html.escape(href(caseId, a.id(), item.index()))).append("\" x=\"0\" y=\"0\" width=\"")
                .append(w).append("\" height=\"").append(h).append("\"/>");
        Set<MediaText.Box> boxes = new LinkedHashSet<>();
        for (Alert.Evidence e : found) {
            boxes.addAll(e.boxes());
        }
        int stroke = Math.max(2, w / 200);
        for (MediaText.Box b : new ArrayList<>(boxes)) {
            s.append("<rect class=\"evidence-box\" x=\"").append(b.x()).append("\" y=\"").append(b.y()).append("\" width=\"").append(b.width())
                    .append("\" height=\"").append(b.height()).append("\" fill=\"none\" stroke=\"#d10000\" stroke-width=\"").append(stroke)
                    .append("\"/>");
        }
        return s.append("</svg>").toString();
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
