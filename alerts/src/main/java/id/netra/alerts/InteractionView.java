package id.netra.alerts;

import id.netra.model.Alert;

/**
 * The words for what an alert's post answered: the kind of interaction (comment, reply, share, reaction, group join) and
 * why its target counts (the watched campaign account of a pair or party, or a campaign group). Shown by the template
 * {@code alert/interaction.jte}.
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
}
