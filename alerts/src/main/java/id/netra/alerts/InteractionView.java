package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.Media;
import id.netra.model.Post;
import id.netra.model.PostTarget;
import java.util.List;

/**
 * The rows of a case page that show what an alert's post answered or carried: for an interaction (comment, reply,
 * share, reaction, group join) its kind, the target post or group with its owner and link, and why the target counts
 * (the watched campaign account of a pair or party, or a campaign group); for pictures and videos their alt text, with
 * the evidence found in it highlighted. Every value is untrusted text and is escaped.
 */
final class InteractionView {
    private InteractionView() {
    }

    /** Analysts' name of a kind of post. */
    static String kindName(String kind) {
        return switch (kind) {
            case "comment" -> "komentar";
            case "reply" -> "balasan";
            case "share" -> "bagikan";
            case "reaction" -> "reaksi";
            case "join" -> "gabung grup";
            default -> "unggahan";
        };
    }

    /** {@code <dt>/<dd>} rows for the interaction and the media of {@code a}, or nothing. */
    static String rows(Alert a) {
        StringBuilder h = new StringBuilder();
        Post post = a.post();
        PostTarget target = post.target();
        if (target != null || a.interaction() != null) {
            h.append("<dt>Interaksi</dt><dd class=\"interaction\"><span class=\"kind\">").append(Html.escape(kindName(post.kind().id())))
                    .append("</span>");
            if (a.interaction() != null && a.interaction().reaction() != null) {
                h.append(" «").append(Html.escape(a.interaction().reaction())).append('»');
            }
            if (target != null) {
                h.append(target.postId() == null ? " pada grup/akun " : " pada unggahan ");
                if (target.author() != null) {
                    h.append("milik <b>@").append(Html.escape(target.author().handle())).append("</b>")
                            .append(target.author().displayName() == null ? "" : " (" + Html.escape(target.author().displayName()) + ")");
                }
                h.append(" · ").append(link(target.url()));
            }
            h.append("</dd>");
            Alert.Interaction i = a.interaction();
            if (i != null) {
                h.append("<dt>Mengapa target dihitung</dt><dd>").append(Html.escape(why(i, a))).append("</dd>");
            }
        }
        List<Media> media = post.media();
        for (int n = 0; n < media.size(); n++) {
            Media m = media.get(n);
            String field = "media[" + n + "].alt";
            h.append("<dt>").append(m.type() == Media.Type.VIDEO ? "Video " : "Gambar ").append(n + 1).append("</dt><dd>")
                    .append(m.url() == null ? "" : link(m.url()) + "<br>");
            if (!m.altText().isBlank()) {
                boolean evidence = a.evidence().stream().anyMatch(e -> field.equals(e.field()));
                h.append("<span class=\"alt\">teks alt").append(evidence ? " (bukti ditemukan di sini)" : "").append(": ")
                        .append(Html.highlight(m.altText(), a.evidence(), field)).append("</span>");
            }
            h.append("</dd>");
        }
        return h.toString();
    }

    /** "akun kampanye instagram:x milik paslon 2 A – B (pilwalkot-y)", or the group. */
    static String why(Alert.Interaction i, Alert a) {
        String whose;
        if (i.candidateId() != null) {
            whose = a.candidates().stream().filter(c -> c.candidateId().equals(i.candidateId()) && c.electionId().equals(i.electionId()))
                    .findFirst().map(c -> "paslon " + c.number() + " " + String.join(" – ", c.names()) + " (" + c.electionId() + ")")
                    .orElse("paslon " + i.candidateId() + " (" + i.electionId() + ")");
        } else if (i.partyId() != null) {
            whose = "partai " + a.parties().stream().filter(p -> p.partyId().equals(i.partyId())).findFirst()
                    .map(p -> p.name() == null ? p.partyId() : p.name()).orElse(i.partyId());
        } else {
            whose = "?";
        }
        return "campaign-group".equals(i.via()) ? "grup kampanye «" + i.group() + "» pendukung " + whose
                : "akun kampanye " + i.account() + " milik " + whose + " (daftar pantau " + a.watchlistVersion() + ")";
    }

    private static String link(java.net.URI url) {
        String href = Html.safeHref(url);
        return href == null ? Html.escape(String.valueOf(url))
                : "<a href=\"" + href + "\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">" + Html.escape(url.toString()) + "</a>";
    }
}
