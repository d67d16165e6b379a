package id.netra.classifier;

import id.netra.classifier.WatchlistIndex.Hit;
import id.netra.classifier.WatchlistIndex.TermType;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.Post;
import id.netra.model.Regions;
import id.netra.model.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Decides whether a registered ASN's post takes a side, and how strongly, from the watchlist terms it contains
 * and the stance cues around them (first version):
 * <ul>
 *   <li>HIGH: a call to vote, a declaration of support or a call not to vote, within a few words of a candidate,
 *       party, ballot number or gesture;</li>
 *   <li>MEDIUM: a campaign symbol (hashtag, slogan, alias, gesture) without a neutral context;</li>
 *   <li>LOW: a mention in a neutral context (a rule reminder, information, a report), or a bare mention.</li>
 * </ul>
 * Ballot numbers and gestures only point to elections where the ASN votes (their regency or city, or its
 * province); a bare "nomor 2" only counts where the post is about an election. Deterministic: no clock, no random.
 */
public final class PostClassifier {
    /** How many tokens a cue may stand from the term it is about. */
    static final int WINDOW = 10;
    /** How close an unrelated-sense word must be to cancel a cue or a bare number. */
    static final int SENSE_WINDOW = 2;
    /** How close a cheer or stance cue must be to make a bare gesture emoji a campaign gesture ("siap ✌️"). */
    static final int GESTURE_WINDOW = 3;

    private final NetraAnalyzer analyzer;
    private final Lexicon lexicon;
    private final java.util.Set<String> honorifics;
    private final PhraseIndex<Lexicon.Cue> cueIndex = new PhraseIndex<>();

    private final Rules rules;

    /** A classifier with the rule data shipped with this build. */
    public PostClassifier(NetraAnalyzer analyzer, Lexicon lexicon) {
        this(analyzer, lexicon, Rules.load());
    }

    public PostClassifier(NetraAnalyzer analyzer, Lexicon lexicon, Rules rules) {
        this.analyzer = analyzer;
        this.lexicon = lexicon;
        this.rules = rules;
        this.honorifics = lexicon.words(Lexicon.Kind.HONORIFIC);
        lexicon.cues().forEach(c -> cueIndex.add(c.terms(), c));
    }

    /** The analyzer this classifier tokenises with; a watchlist index for it must be built with the same one. */
    public NetraAnalyzer analyzer() {
        return analyzer;
    }

    /** The versions of the data files this classifier decides with: cues, slang and rules. */
    public String lexiconVersion() {
        return lexicon.version() + "+" + analyzer.slangVersion() + "+" + rules.version();
    }

    private record CueHit(Lexicon.Cue cue, int first, int last, int start, int end) {
    }

    public Optional<Alert> classify(Post post, AsnRecord asn, WatchlistIndex index) {
        return classify(post, asn.regionCode(), () -> asn, index);
    }

    /**
     * The same decision as {@link #classify(Post, AsnRecord, WatchlistIndex)}, which needs only the author's region;
     * the whole record is asked for when there is an alert to write (most posts have none, and reading a registry
     * record costs as much as reading the post).
     *
     * @param regionCode the author's {@link AsnRecord#regionCode()}
     * @param asn        the author's record, with that region code
     */
    public Optional<Alert> classify(Post post, String regionCode, java.util.function.Supplier<AsnRecord> asn, WatchlistIndex index) {
        String text = post.text();
        List<NetraAnalyzer.Token> tokens = analyzer.tokens(text);
        List<CueHit> cues = cues(tokens);
        List<CueHit> unrelated = ofKind(cues, Lexicon.Kind.UNRELATED);
        cues = cues.stream().filter(c -> !(isStanceOrCheer(c) && near(c.first(), c.last(), unrelated, SENSE_WINDOW))).toList();
        List<CueHit> places = ofKind(cues, Lexicon.Kind.PLACE);

        // A term right after a place word is part of a place name ("Gg. Golkar"); a number inside a score, time, date
        // or amount ("2-0", "2/3") is not a ballot number.
        List<Hit> matched = new ArrayList<>(index.match(text, tokens, regionCode));
        matched.addAll(hashtagParts(text, tokens, index));
        List<Hit> all = matched.stream().distinct()
                .filter(h -> places.stream().noneMatch(p -> p.last() == h.firstToken() - 1))
                .filter(h -> !isNumber(h) || !insideFigure(text, h))
                .toList();
        boolean electionContext = !ofKind(cues, Lexicon.Kind.ELECTION).isEmpty()
                || all.stream().anyMatch(h -> switch (h.term().type()) {
                    case WEAK_NUMBER, BARE_NUMBER, PARTY -> false;
                    case ALIAS -> !isNickname(h);
                    default -> true;
                });
        List<CueHit> stance = cues.stream().filter(c -> c.cue().kind() == Lexicon.Kind.CALL || c.cue().kind() == Lexicon.Kind.SUPPORT).toList();
        List<CueHit> anyStance = cues.stream().filter(c -> switch (c.cue().kind()) {
            case CALL, SUPPORT, OPPOSE -> true;
            default -> false;
        }).toList();
        List<CueHit> cheers = ofKind(cues, Lexicon.Kind.CHEER);
        boolean gestured = !ofKind(cues, Lexicon.Kind.GESTURE).isEmpty();
        List<Hit> hits = new ArrayList<>();
        for (Hit h : all) {
            TermType type = h.term().type();
            if (isNumber(h) && !inRegion(h.term().election(), regionCode)) {
                continue;
            }
            if (type == TermType.WEAK_NUMBER && ((!electionContext && !near(h.firstToken(), h.lastToken(), stance, SENSE_WINDOW))
                    || near(h.firstToken(), h.lastToken(), unrelated, SENSE_WINDOW))) {
                continue;
            }
            if (type == TermType.BARE_NUMBER && !near(h.firstToken(), h.lastToken(), stance, 1)) {
                continue;
            }
            if (isNickname(h) && !electionContext && !near(h.firstToken(), h.lastToken(), anyStance, WINDOW)
                    && !near(h.firstToken(), h.lastToken(), cheers, 1) && !gestured) {
                continue;
            }
            hits.add(h);
        }
        hits = disambiguateNumbers(withoutNested(hits));
        List<Gesture> gestures = gestures(cues, index, regionCode, electionContext);
        if (hits.isEmpty() && gestures.isEmpty()) {
            return Optional.empty();
        }

        List<int[]> anchors = new ArrayList<>();
        hits.forEach(h -> anchors.add(new int[] {h.firstToken(), h.lastToken()}));
        gestures.forEach(g -> anchors.add(new int[] {g.cue().first(), g.cue().last()}));
        // A stance word inside a slogan or hashtag ("Bersama" in "Bersama Membangun Madiun") is the slogan's, not the
        // author's: the slogan itself counts as a campaign symbol.
        List<Hit> symbols = hits.stream().filter(h -> h.term().type() == TermType.SLOGAN || h.term().type() == TermType.HASHTAG).toList();
        cues = cues.stream().filter(c -> c.cue().kind() == Lexicon.Kind.GESTURE
                || symbols.stream().noneMatch(h -> c.first() >= h.firstToken() && c.last() <= h.lastToken())).toList();
        List<CueHit> oppose = cuesNear(cues, Lexicon.Kind.OPPOSE, anchors);
        List<CueHit> calls = cuesNear(cues, Lexicon.Kind.CALL, anchors);
        List<CueHit> support = cuesNear(cues, Lexicon.Kind.SUPPORT, anchors);
        List<CueHit> neutral = ofKind(cues, Lexicon.Kind.NEUTRAL);
        List<CueHit> info = ofKind(cues, Lexicon.Kind.INFO);
        boolean symbol = !gestures.isEmpty() || hits.stream().anyMatch(h -> switch (h.term().type()) {
            case HASHTAG, SLOGAN, ALIAS -> true;
            default -> false;
        });
        boolean onlyParties = gestures.isEmpty() && hits.stream().allMatch(h -> h.term().type() == TermType.PARTY);
        boolean balanced = balanced(hits, gestures, concat(calls, support), !info.isEmpty(), lists(hits, ofKind(cues, Lexicon.Kind.LIST)));

        Severity severity;
        String rule;
        List<CueHit> used;
        if (!neutral.isEmpty()) {
            severity = Severity.LOW;
            rule = "neutral-context";
            used = neutral;
        } else if (!oppose.isEmpty()) {
            severity = Severity.HIGH;
            rule = "opposition";
            used = oppose;
        } else if (balanced) {
            severity = Severity.LOW;
            rule = "information";
            used = info;
        } else if (!calls.isEmpty()) {
            severity = Severity.HIGH;
            rule = "call-to-vote";
            used = concat(calls, support);
        } else if (!support.isEmpty()) {
            severity = Severity.HIGH;
            rule = onlyParties ? "party-promotion" : "support";
            used = support;
        } else if (symbol) {
            severity = Severity.MEDIUM;
            rule = gestures.isEmpty() ? "campaign-symbol" : "partisan-gesture";
            used = List.of();
        } else {
            severity = Severity.LOW;
            rule = onlyParties ? "party-mention" : "watchlist-mention";
            used = info;
        }
        return Optional.of(alert(post, asn.get(), index, hits, gestures, used, severity, rule));
    }

    /**
     * The hits written as one list with each hit ("paslon 1 atau paslon 2", "Bagus Wirawan, Yoga Pratama"): candidate
     * hits of one election next to each other, or joined by a single list word.
     */
    private static Map<Hit, List<Hit>> lists(List<Hit> hits, List<CueHit> joiners) {
        List<Hit> candidates = hits.stream().filter(h -> h.term().candidate() != null)
                .sorted(Comparator.comparingInt(Hit::firstToken)).toList();
        Map<Hit, List<Hit>> out = new java.util.HashMap<>();
        List<Hit> run = new ArrayList<>();
        for (Hit h : candidates) {
            if (!run.isEmpty()) {
                Hit prev = run.get(run.size() - 1);
                int gap = h.firstToken() - prev.lastToken() - 1;
                boolean joined = prev.term().election().id().equals(h.term().election().id())
                        && (gap <= 0 || (gap == 1 && joiners.stream().anyMatch(j -> j.first() == prev.lastToken() + 1)));
                if (!joined) {
                    run.forEach(r -> out.put(r, List.copyOf(run)));
                    run.clear();
                }
            }
            run.add(h);
        }
        run.forEach(r -> out.put(r, List.copyOf(run)));
        return out;
    }

    /**
     * Watchlist hashtags inside a longer hashtag of the post: {@code #MetroBerkah01} is split on case and digits
     * ({@code metro berkah 01}) and its parts matched too, so the watchlist's {@code MetroBerkah} counts; the hit spans
     * the whole hashtag.
     */
    private List<Hit> hashtagParts(String text, List<NetraAnalyzer.Token> tokens, WatchlistIndex index) {
        List<Hit> out = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            NetraAnalyzer.Token t = tokens.get(i);
            if (t.start() == 0 || text.charAt(t.start() - 1) != '#') {
                continue;
            }
            String split = WatchlistIndex.splitHashtag(text.substring(t.start(), t.end()));
            if (!split.contains(" ")) {
                continue;
            }
            List<NetraAnalyzer.Token> parts = analyzer.tokens(split);
            for (Hit h : index.match(split, parts, null)) {
                if (h.term().type() == TermType.HASHTAG && !(h.firstToken() == 0 && h.lastToken() == parts.size() - 1)) {
                    out.add(new Hit(h.term(), i, i, t.start(), t.end()));
                }
            }
        }
        return out;
    }

    private static List<CueHit> ofKind(List<CueHit> cues, Lexicon.Kind kind) {
        return cues.stream().filter(c -> c.cue().kind() == kind).toList();
    }

    private static boolean isStanceOrCheer(CueHit c) {
        return switch (c.cue().kind()) {
            case CALL, SUPPORT, CHEER -> true;
            default -> false;
        };
    }

    /** An alias of a form of address and one word ("Pak Zul"): many people are called that. */
    private boolean isNickname(Hit h) {
        List<String> terms = h.term().terms();
        return h.term().type() == TermType.ALIAS && terms.size() == 2 && honorifics.contains(terms.get(0));
    }

    /** A number written as part of a score, time, date, range or amount: "2-0", "2:1", "1/2", "2,5". */
    static boolean insideFigure(String text, Hit h) {
        int end = h.end();
        int start = h.start();
        boolean after = end + 1 < text.length() && "-:/.,".indexOf(text.charAt(end)) >= 0 && Character.isDigit(text.charAt(end + 1));
        boolean before = h.term().type() == TermType.BARE_NUMBER && start >= 2 && "-:/.,".indexOf(text.charAt(start - 1)) >= 0
                && Character.isDigit(text.charAt(start - 2));
        return after || before;
    }

    /**
     * True where the post treats several pairs of one election alike: it names or numbers two or more of them (all of
     * them, unless it is information about the election), and any call or support cue is as near to one as to another. Debate schedules, ballot-number announcements and
     * "pilih sesuai hati nurani" reminders look like this; partisan posts single one pair out.
     */
    private static boolean balanced(List<Hit> hits, List<Gesture> gestures, List<CueHit> stanceCues, boolean informational,
                                    Map<Hit, List<Hit>> lists) {
        Map<String, java.util.Set<String>> pairsByElection = new LinkedHashMap<>();
        for (Hit h : hits) {
            if (h.term().election() != null) {
                pairsByElection.computeIfAbsent(h.term().election().id(), k -> new java.util.TreeSet<>()).add(h.term().candidate().id());
            }
        }
        for (Gesture g : gestures) {
            pairsByElection.computeIfAbsent(g.election().id(), k -> new java.util.TreeSet<>()).add(g.candidate().id());
        }
        for (Map.Entry<String, java.util.Set<String>> e : pairsByElection.entrySet()) {
            if (e.getValue().size() < 2) {
                continue;
            }
            if (stanceCues.isEmpty()) {
                // Without an information cue, naming some pairs but not all is usually a comparison, which takes a side.
                int all = hits.stream().filter(h -> h.term().election() != null && h.term().election().id().equals(e.getKey()))
                        .findFirst().map(h -> h.term().election().candidates().size()).orElse(Integer.MAX_VALUE);
                if (informational || e.getValue().size() >= all) {
                    return true;
                }
                continue;
            }
            java.util.Set<String> favoured = new java.util.TreeSet<>();
            for (CueHit c : stanceCues) {
                int best = Integer.MAX_VALUE;
                java.util.Set<String> nearest = new java.util.TreeSet<>();
                for (Hit h : hits) {
                    if (h.term().election() == null || !h.term().election().id().equals(e.getKey())) {
                        continue;
                    }
                    int d = distance(c.first(), c.last(), h.firstToken(), h.lastToken());
                    if (d < best) {
                        best = d;
                        nearest.clear();
                    }
                    if (d == best) {
                        nearest.add(h.term().candidate().id());
                    }
                }
                if (best <= WINDOW) {
                    favoured.addAll(nearest);
                    for (Hit h : hits) {
                        if (nearest.contains(h.term().candidate() == null ? null : h.term().candidate().id())
                                && distance(c.first(), c.last(), h.firstToken(), h.lastToken()) == best) {
                            lists.getOrDefault(h, List.of()).forEach(o -> favoured.add(o.term().candidate().id()));
                        }
                    }
                }
            }
            if (favoured.size() >= 2) {
                return true;
            }
        }
        return false;
    }

    private record Gesture(CueHit cue, Election election, Candidate candidate) {
    }

    private List<Gesture> gestures(List<CueHit> cues, WatchlistIndex index, String regionCode, boolean electionContext) {
        List<Gesture> out = new ArrayList<>();
        for (CueHit c : cues) {
            if (c.cue().kind() != Lexicon.Kind.GESTURE) {
                continue;
            }
            boolean spelledOut = c.cue().phrase().chars().anyMatch(Character::isLetter);
            boolean cheered = near(c.first(), c.last(), cues.stream().filter(PostClassifier::isStanceOrCheer).toList(), GESTURE_WINDOW);
            if (!spelledOut && !electionContext && !cheered) {
                continue;
            }
            for (Election e : index.electionsOf(regionCode)) {
                for (Candidate cand : e.candidates()) {
                    if (cand.number() == c.cue().number()) {
                        out.add(new Gesture(c, e, cand));
                    }
                }
            }
        }
        return out;
    }

    private List<CueHit> cues(List<NetraAnalyzer.Token> tokens) {
        List<CueHit> found = new ArrayList<>();
        for (PhraseIndex.Found<Lexicon.Cue> f : cueIndex.find(tokens)) {
            found.add(new CueHit(f.value(), f.first(), f.last(), tokens.get(f.first()).start(), tokens.get(f.last()).end()));
        }
        // A cue inside a longer one is the longer one's word: "pilih" in "jangan pilih" or in "hak pilih".
        List<CueHit> out = new ArrayList<>();
        for (CueHit c : found) {
            boolean inside = found.stream().anyMatch(o -> o != c && o.first() <= c.first() && o.last() >= c.last()
                    && (o.last() - o.first()) > (c.last() - c.first()));
            if (!inside) {
                out.add(c);
            }
        }
        out.sort(Comparator.comparingInt(CueHit::first));
        return out;
    }

    private static List<CueHit> cuesNear(List<CueHit> cues, Lexicon.Kind kind, List<int[]> anchors) {
        return cues.stream().filter(c -> c.cue().kind() == kind)
                .filter(c -> anchors.stream().anyMatch(a -> distance(c.first(), c.last(), a[0], a[1]) <= WINDOW))
                .toList();
    }

    private static boolean near(int first, int last, List<CueHit> cues, int window) {
        return cues.stream().anyMatch(c -> distance(first, last, c.first(), c.last()) <= window);
    }

    private static int distance(int aFirst, int aLast, int bFirst, int bLast) {
        if (aLast < bFirst) {
            return bFirst - aLast;
        }
        if (bLast < aFirst) {
            return aFirst - bLast;
        }
        return 0;
    }

    /** Drops a hit whose tokens lie inside another hit of the same candidate or party ("nomor 2" in "paslon nomor 2"). */
    private static List<Hit> withoutNested(List<Hit> hits) {
        List<Hit> out = new ArrayList<>();
        for (Hit h : hits) {
            boolean nested = hits.stream().anyMatch(o -> o != h && o.term().ref().equals(h.term().ref())
                    && o.firstToken() <= h.firstToken() && o.lastToken() >= h.lastToken()
                    && (o.lastToken() - o.firstToken()) > (h.lastToken() - h.firstToken()));
            if (!nested) {
                out.add(h);
            }
        }
        return out;
    }

    private static boolean isNumber(Hit h) {
        return WatchlistIndex.isNumber(h.term().type());
    }

    /**
     * A ballot number the ASN's city and province elections share ("nomor 1") points to the election the post names
     * a candidate of, where it names one; otherwise to both.
     */
    private static List<Hit> disambiguateNumbers(List<Hit> hits) {
        java.util.Set<String> named = hits.stream().filter(h -> !isNumber(h) && h.term().election() != null)
                .map(h -> h.term().election().id()).collect(Collectors.toSet());
        if (named.isEmpty()) {
            return hits;
        }
        return hits.stream().filter(h -> !isNumber(h) || named.contains(h.term().election().id())
                || hits.stream().noneMatch(o -> o != h && isNumber(o) && o.start() == h.start()
                        && named.contains(o.term().election().id()))).toList();
    }

    /** An ASN votes in the election of their regency or city and in that of its province. */
    static boolean inRegion(Election e, AsnRecord asn) {
        return inRegion(e, asn.regionCode());
    }

    static boolean inRegion(Election e, String regionCode) {
        return e.regionCode().equals(regionCode) || e.regionCode().equals(Regions.province(regionCode));
    }

    private static List<CueHit> concat(List<CueHit> a, List<CueHit> b) {
        List<CueHit> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private Alert alert(Post post, AsnRecord asn, WatchlistIndex index, List<Hit> hits, List<Gesture> gestures,
                        List<CueHit> cues, Severity severity, String rule) {
        String text = post.text();
        Map<String, Alert.CandidateMatch> candidates = new LinkedHashMap<>();
        Map<String, Alert.PartyMatch> parties = new LinkedHashMap<>();
        List<Alert.Evidence> evidence = new ArrayList<>();
        for (Hit h : hits) {
            WatchlistIndex.Term t = h.term();
            if (t.party() != null) {
                parties.putIfAbsent(t.party().id(), new Alert.PartyMatch(t.party().id(), t.party().name()));
            } else {
                candidates.putIfAbsent(t.election().id() + "/" + t.candidate().id(), candidateMatch(t.election(), t.candidate(), asn));
            }
            String type = t.type() == TermType.WEAK_NUMBER || t.type() == TermType.BARE_NUMBER ? "ballot-number" : t.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
            evidence.add(new Alert.Evidence(h.start(), h.end(), text.substring(h.start(), h.end()), type, t.ref()));
        }
        for (Gesture g : gestures) {
            candidates.putIfAbsent(g.election().id() + "/" + g.candidate().id(), candidateMatch(g.election(), g.candidate(), asn));
            evidence.add(new Alert.Evidence(g.cue().start(), g.cue().end(), text.substring(g.cue().start(), g.cue().end()),
                    "gesture", g.candidate().id()));
        }
        for (CueHit c : cues) {
            evidence.add(new Alert.Evidence(c.start(), c.end(), text.substring(c.start(), c.end()),
                    c.cue().kind().name().toLowerCase(Locale.ROOT) + "-cue", c.cue().phrase()));
        }
        evidence = evidence.stream().distinct()
                .sorted(Comparator.comparingInt(Alert.Evidence::start).thenComparing(Alert.Evidence::type)).toList();
        String registryVersion = Alert.registryVersionOf(asn);
        String version = index.watchlist().version();
        return new Alert(Alert.idFor(post.versionKey(), version, registryVersion), post.platform(), post.postId(), asn.nip(),
                severity, rule, explanation(rule, candidates.values(), parties.values(), cues), rules.violation(rule), post, asn,
                List.copyOf(candidates.values()), List.copyOf(parties.values()), evidence, version, registryVersion,
                lexiconVersion());
    }

    private static Alert.CandidateMatch candidateMatch(Election e, Candidate c, AsnRecord asn) {
        return new Alert.CandidateMatch(e.id(), c.id(), c.number(), c.names(), e.regionCode(), inRegion(e, asn));
    }

    private static String explanation(String rule, java.util.Collection<Alert.CandidateMatch> candidates,
                                      java.util.Collection<Alert.PartyMatch> parties, List<CueHit> cues) {
        String who = candidates.stream()
                .map(c -> "paslon " + c.number() + " " + String.join(" – ", c.names()) + " (" + c.electionId()
                        + (c.inRegion() ? "" : ", di luar wilayah ASN") + ")")
                .collect(Collectors.joining("; "));
        String partyNames = parties.stream().map(p -> p.name() == null ? p.partyId() : p.name()).collect(Collectors.joining(", "));
        String target = who.isEmpty() ? "partai " + partyNames : (partyNames.isEmpty() ? who : who + "; partai " + partyNames);
        String words = cues.stream().map(c -> "«" + c.cue().phrase() + "»").distinct().collect(Collectors.joining(", "));
        return switch (rule) {
            case "opposition" -> "Ajakan tidak memilih / serangan terhadap " + target + ": " + words + ".";
            case "call-to-vote" -> "Ajakan memilih " + target + ": " + words + ".";
            case "support", "party-promotion" -> "Pernyataan dukungan kepada " + target + ": " + words + ".";
            case "campaign-symbol" -> "Simbol kampanye (tagar, slogan atau julukan) " + target + " tanpa konteks netral.";
            case "partisan-gesture" -> "Gestur kampanye untuk " + target + ".";
            case "neutral-context" -> "Menyebut " + target + " dalam konteks netral (" + words + "); bukan peringatan aktif.";
            case "information" -> "Menyebut beberapa paslon secara setara (informasi pemilihan" + (words.isEmpty() ? "" : ": " + words) + "); bukan peringatan aktif.";
            default -> "Menyebut " + target + " tanpa sikap berpihak yang jelas.";
        };
    }
}
