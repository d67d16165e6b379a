package id.netra.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A partisan post by a registered ASN, with everything needed to see why. Value of the {@code alerts} topic,
 * keyed by {@link #id()}.
 *
 * @param id               deterministic: the same post under the same watchlist and registry versions gets the same id
 * @param platform         the post's platform (also in {@link #post()}; top-level for consumers and for {@code classify})
 * @param postId           the post's id (idem)
 * @param nip              the ASN's NIP (idem, from {@link #asn()})
 * @param severity         HIGH, MEDIUM or LOW
 * @param rule             id of the rule that decided the severity, e.g. {@code call-to-vote}
 * @param explanation      one sentence for the analyst: what was found and why it counts
 * @param violation        the form of violation the rule stands for and the legal basis to cite (absent in alerts
 *                         written before rule data existed)
 * @param post             the post as collected
 * @param asn              the registry record of the author, as it was when the post was classified
 * @param candidates       the candidates the post refers to
 * @param parties          the parties the post refers to
 * @param evidence         the matched spans, offsets into {@code post.text()}
 * @param watchlistVersion the watchlist version used
 * @param registryVersion  fingerprint of the registry record used (changes when the ASN's record changes)
 * @param lexiconVersion   the versions of the classifier's data files used, e.g. {@code cues-v2+slang-v1+rules-v1}
 *                         (absent in alerts written before lexicons were versioned)
 */
public record Alert(
        String id,
        Platform platform,
        String postId,
        String nip,
        Severity severity,
        String rule,
        String explanation,
        Violation violation,
        Post post,
        AsnRecord asn,
        List<CandidateMatch> candidates,
        List<PartyMatch> parties,
        List<Evidence> evidence,
        String watchlistVersion,
        String registryVersion,
        String lexiconVersion) {

    public Alert {
        Validate.notBlank(id, "id");
        Validate.notNull(platform, "platform");
        Validate.notBlank(postId, "postId");
        Validate.notBlank(nip, "nip");
        Validate.notNull(severity, "severity");
        Validate.notBlank(rule, "rule");
        Validate.notNull(post, "post");
        Validate.notNull(asn, "asn");
        Validate.notBlank(watchlistVersion, "watchlistVersion");
        Validate.notBlank(registryVersion, "registryVersion");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        parties = parties == null ? List.of() : List.copyOf(parties);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }

    /** The alert id for a post (by its key) under a watchlist version and a registry record version. */
    public static String idFor(String postKey, String watchlistVersion, String registryVersion) {
        return sha256Hex(postKey + "\n" + watchlistVersion + "\n" + registryVersion).substring(0, 32);
    }

    /** The registry version of a record: a fingerprint of its content, stable across JVMs. */
    public static String registryVersionOf(AsnRecord asn) {
        try {
            return sha256Hex(Json.mapper().writeValueAsString(asn)).substring(0, 16);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint registry record " + asn.nip(), e);
        }
    }

    static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /**
     * What a rule means for an analyst.
     *
     * @param form       the form of violation in one line (Indonesian), or why it is none
     * @param skb        the form as the 2022 joint decree on ASN neutrality describes it
     * @param legalBasis the provisions to cite; empty where the rule is no violation
     */
    public record Violation(String form, String skb, List<String> legalBasis) {
        public Violation {
            Validate.notBlank(form, "violation form");
            legalBasis = legalBasis == null ? List.of() : List.copyOf(legalBasis);
        }
    }

    /**
     * A candidate an alert refers to.
     *
     * @param inRegion whether the ASN's region votes in this election (its own regency/city or its province)
     */
    public record CandidateMatch(String electionId, String candidateId, int number, List<String> names,
                                 String regionCode, boolean inRegion) {
        public CandidateMatch {
            Validate.notBlank(electionId, "electionId");
            Validate.notBlank(candidateId, "candidateId");
            names = names == null ? List.of() : List.copyOf(names);
        }
    }

    /** A party an alert refers to. */
    public record PartyMatch(String partyId, String name) {
        public PartyMatch {
            Validate.notBlank(partyId, "partyId");
        }
    }

    /**
     * A span of the post text that counts as evidence.
     *
     * @param start  offset of the first char in {@code post.text()}
     * @param end    offset after the last char
     * @param text   the span's text, {@code post.text().substring(start, end)}
     * @param type   what it is: {@code name}, {@code alias}, {@code hashtag}, {@code slogan}, {@code ballot-number},
     *               {@code party}, {@code support-cue}, ...
     * @param ref    the candidate or party id it points to, or the cue's id
     */
    public record Evidence(int start, int end, String text, String type, String ref) {
        public Evidence {
            Validate.isTrue(start >= 0 && end >= start, "evidence span [" + start + "," + end + ") is invalid");
            Validate.notBlank(type, "evidence type");
        }
    }
}
