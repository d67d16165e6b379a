package id.netra.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
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
 * @param interaction      for a comment, reply, share, reaction or join whose target is a watched campaign account, its
 *                         post or a campaign group: which, and whose; absent otherwise (and in alerts written before
 *                         interactions were judged)
 * @param mediaText        the text read in the post's pictures that the decision read (evidence in {@code media[N].ocr}
 *                         points into it), with each picture's SHA-256; absent when none was read
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
        String lexiconVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) Interaction interaction,
        @JsonInclude(JsonInclude.Include.NON_NULL) MediaText mediaText) {

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

    /** An alert without text read in pictures. */
    public Alert(String id, Platform platform, String postId, String nip, Severity severity, String rule, String explanation,
                 Violation violation, Post post, AsnRecord asn, List<CandidateMatch> candidates, List<PartyMatch> parties,
                 List<Evidence> evidence, String watchlistVersion, String registryVersion, String lexiconVersion, Interaction interaction) {
        this(id, platform, postId, nip, severity, rule, explanation, violation, post, asn, candidates, parties, evidence,
                watchlistVersion, registryVersion, lexiconVersion, interaction, null);
    }

    /** An alert on a post's own words, without an interaction. */
    public Alert(String id, Platform platform, String postId, String nip, Severity severity, String rule, String explanation,
                 Violation violation, Post post, AsnRecord asn, List<CandidateMatch> candidates, List<PartyMatch> parties,
                 List<Evidence> evidence, String watchlistVersion, String registryVersion, String lexiconVersion) {
        this(id, platform, postId, nip, severity, rule, explanation, violation, post, asn, candidates, parties, evidence,
                watchlistVersion, registryVersion, lexiconVersion, null, null);
    }

    /** This alert under another id (the decision of a post again, e.g. with the text of its pictures read later). */
    public Alert withId(String newId) {
        return new Alert(newId, platform, postId, nip, severity, rule, explanation, violation, post, asn, candidates, parties, evidence,
                watchlistVersion, registryVersion, lexiconVersion, interaction, mediaText);
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
     * A span of the post text (or of a media item's alt text) that counts as evidence.
     *
     * @param start  offset of the first char in {@code post.text()} (or in the field named by {@code field})
     * @param end    offset after the last char
     * @param text   the span's text, {@code post.text().substring(start, end)}
     * @param type   what it is: {@code name}, {@code alias}, {@code hashtag}, {@code slogan}, {@code ballot-number},
     *               {@code party}, {@code support-cue}, ...
     * @param ref    the candidate or party id it points to, or the cue's id
     * @param field  where the span is: absent for the post's text, {@code media[N].alt} for the alt text or caption of
     *               the post's N-th picture or video (counted from 0), {@code media[N].ocr} for the text read in its
     *               picture (offsets into that item's text in {@link Alert#mediaText()})
     * @param boxes  for {@code media[N].ocr}: where the span's words are in the picture; empty (and absent) otherwise
     */
    public record Evidence(int start, int end, String text, String type, String ref,
                           @JsonInclude(JsonInclude.Include.NON_NULL) String field,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) List<MediaText.Box> boxes) {
        public Evidence {
            Validate.isTrue(start >= 0 && end >= start, "evidence span [" + start + "," + end + ") is invalid");
            Validate.notBlank(type, "evidence type");
            boxes = boxes == null ? List.of() : List.copyOf(boxes);
        }

        /** A span of the post's text or of an alt text. */
        public Evidence(int start, int end, String text, String type, String ref, String field) {
            this(start, end, text, type, ref, field, List.of());
        }

        /** A span of the post's text. */
        public Evidence(int start, int end, String text, String type, String ref) {
            this(start, end, text, type, ref, null);
        }

        /** The media item this span is in, or -1 for the post's text. */
        public int mediaIndex() {
            if (field == null || !field.startsWith("media[")) {
                return -1;
            }
            return Integer.parseInt(field.substring("media[".length(), field.indexOf(']')));
        }

        /** Whether the span is in text read in a picture ({@code media[N].ocr}). */
        @com.fasterxml.jackson.annotation.JsonIgnore
        public boolean inPicture() {
            return field != null && field.startsWith("media[") && field.endsWith("].ocr");
        }
    }

    /**
     * What made an interaction count: its kind and the watched target it answers, shares, reacts to or joins.
     *
     * @param kind         {@code comment}, {@code reply}, {@code share}, {@code reaction} or {@code join}
     * @param via          {@code campaign-account} (the target's owner is a watched account) or {@code campaign-group}
     *                     (the target is a watched campaign group)
     * @param account      the watched account, as the watchlist lists it ({@code instagram:budi.official}), or null
     * @param group        the campaign group's name, or null
     * @param targetUrl    the target's address, or null when the post gave none
     * @param targetPostId the target post's id, or null for a group or account joined
     * @param owner        the handle of the target's owner, as the post gave it, or null
     * @param electionId   the election of the candidate the target belongs to, or null for a party's
     * @param candidateId  the candidate the target belongs to, or null
     * @param partyId      the party the target belongs to, or null
     * @param reaction     for a reaction, its name ({@code like}, {@code love}, ...)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Interaction(String kind, String via, String account, String group, URI targetUrl, String targetPostId,
                              String owner, String electionId, String candidateId, String partyId, String reaction) {
        public Interaction {
            Validate.notBlank(kind, "interaction kind");
            Validate.notBlank(via, "interaction via");
        }
    }
}
