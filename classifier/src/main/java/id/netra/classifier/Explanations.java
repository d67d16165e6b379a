package id.netra.classifier;

import id.netra.model.Alert;
import id.netra.model.Candidate;
import id.netra.model.Post;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Fills a decision's explanation template (Indonesian, for the analyst): {@code {target}} the candidates and parties,
 * {@code {words}} the cited cues, {@code {words|X}} X then the cues or nothing, {@code {interaction}} (or
 * {@code {Interaction}}, capitalised) the kind of interaction and its watched target, {@code {via}} the target alone,
 * {@code {reaction}} a reaction's name. Where an interaction made the alert but the template names none, the sentence
 * says which ("Dalam komentar di unggahan akun kampanye ...").
 */
final class Explanations {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(target|words|interaction|Interaction|via|reaction)(\\|([^}]*))?}");

    private Explanations() {
    }

    static String render(String template, Collection<Alert.CandidateMatch> candidates, Collection<Alert.PartyMatch> parties,
                         List<String> cuePhrases, Post post, PostClassifier.Target target) {
        String who = candidates.stream()
                .map(c -> "paslon " + c.number() + " " + String.join(" – ", c.names()) + " (" + c.electionId()
                        + (c.inRegion() ? "" : ", di luar wilayah ASN") + ")")
                .collect(Collectors.joining("; "));
        String partyNames = parties.stream().map(p -> p.name() == null ? p.partyId() : p.name()).collect(Collectors.joining(", "));
        String targetText = who.isEmpty() ? "partai " + partyNames : (partyNames.isEmpty() ? who : who + "; partai " + partyNames);
        String words = cuePhrases.stream().map(c -> "«" + c + "»").distinct().collect(Collectors.joining(", "));
        String via = target == null ? "" : via(target);
        String interaction = target == null ? "" : kindName(post) + " di " + (target.group() == null ? "unggahan " : "") + via;
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        boolean namedInteraction = false;
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "target" -> targetText;
                case "words" -> m.group(2) == null ? words : (words.isEmpty() ? "" : m.group(3) + words);
                case "interaction" -> interaction;
                case "Interaction" -> interaction.isEmpty() ? "" : interaction.substring(0, 1).toUpperCase(Locale.ROOT) + interaction.substring(1);
                case "via" -> via;
                case "reaction" -> post.text().strip();
                default -> throw new IllegalStateException(m.group());
            };
            namedInteraction |= !m.group(1).equals("target") && !m.group(1).equals("words");
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (target != null && !namedInteraction) {
            out.append(" Dalam ").append(interaction).append('.');
        }
        return out.toString();
    }

    /** The watched target: "akun kampanye instagram:budi.official (paslon 2 Budi – Sari, pilwalkot-x)". */
    private static String via(PostClassifier.Target t) {
        String whose;
        if (t.candidate() != null) {
            Candidate c = t.candidate();
            whose = "paslon " + c.number() + " " + String.join(" – ", c.names()) + ", " + t.election().id();
        } else if (t.party() != null) {
            whose = "partai " + t.party().name();
        } else {
            whose = "";
        }
        String what = t.group() != null ? "grup kampanye «" + t.group() + "»"
                : (t.candidate() == null && t.party() != null ? "akun partai " : "akun kampanye ") + t.account();
        return whose.isEmpty() ? what : what + " (" + whose + ")";
    }

    /** The kind of interaction as analysts name it. */
    static String kindName(Post post) {
        return switch (post.kind()) {
            case COMMENT -> "komentar";
            case REPLY -> "balasan";
            case SHARE -> "bagikan (share)";
            case REACTION -> "reaksi";
            case JOIN -> "gabung grup";
            case POST -> "unggahan";
        };
    }
}
