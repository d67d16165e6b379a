package id.netra.classifier;

import id.netra.classifier.WatchlistIndex.Hit;
import id.netra.classifier.WatchlistIndex.TermType;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.PostTarget;
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
 * Decides whether a registered ASN's post takes a side, and how strongly, from the watchlist terms it contains,
 * the stance cues around them and, for an interaction, the watched target it answers, shares, reacts to or joins.
 * The code extracts features ({@link Rules#FEATURES}); the decision table of the rule data ({@link Rules}) decides.
 * In outline (first version):
 * <ul>
 *   <li>HIGH: a call to vote, a declaration of support or a call not to vote, within a few words of a candidate,
 *       party, ballot number or gesture;</li>
 *   <li>MEDIUM: a campaign symbol (hashtag, slogan, alias, gesture) without a neutral context;</li>
 *   <li>LOW: a mention in a neutral context (a rule reminder, information, a report), or a bare mention.</li>
 * </ul>
 * Ballot numbers and gestures only point to elections where the ASN votes (their regency or city, or its
 * province); a bare "nomor 2" only counts where the post is about an election. From rules-v2 on, the alt text of the
 * post's pictures and videos is read with its text (evidence names the item), and a comment, reply, share, reaction or
 * join whose target is a watched campaign account, its post or a campaign group counts for that candidate or party
 * even when its words name nobody. Deterministic: no clock, no random.
 */
public final class PostClassifier {
    /** How many tokens a cue may stand from the term it is about. */
    static final int WINDOW = 10;
    /** How close an unrelated-sense word must be to cancel a cue or a bare number. */
    static final int SENSE_WINDOW = 2;
    /** How close a cheer or stance cue must be to make a bare gesture emoji a campaign gesture ("siap ✌️"). */
    static final int GESTURE_WINDOW = 3;
    /** (engine 2) How far a stance cue may stand from the one pair a post names: the whole of an ordinary post. */
    static final int SINGLE_PAIR_WINDOW = 40;

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
        return classify(post, null, regionCode, asn, index);
    }

    /** Whether this classifier's rule data reads the text in pictures ({@code media-ocr}): a post with pictures waits for it. */
    public boolean readsPictures() {
        return rules.reads("media-ocr");
    }

    /**
     * The decision with the text read in the post's pictures ({@code pictures}, ignored unless the rule data reads
     * {@code media-ocr}): that text is read like the post's own, after it and its alt texts, and evidence found there
     * names the picture ({@code media[N].ocr}) and the boxes of its words.
     *
     * @param pictures the post's media text, or null when there is none (yet)
     */
    public Optional<Alert> classify(Post post, id.netra.model.MediaText pictures, String regionCode,
                                    java.util.function.Supplier<AsnRecord> asn, WatchlistIndex index) {
        Reading reading = Reading.of(post, rules.reads("media-alt"), rules.reads("media-captions"), readsPictures() ? pictures : null);
        String text = reading.text();
        Target target = rules.reads("target") ? target(post, index) : null;
        List<NetraAnalyzer.Token> tokens = analyzer.tokens(text);
        List<CueHit> cues = cues(tokens);
        List<CueHit> unrelated = ofKind(cues, Lexicon.Kind.UNRELATED);
        cues = cues.stream().filter(c -> !(isStanceOrCheer(c) && near(c.first(), c.last(), unrelated, SENSE_WINDOW))).toList();
        List<CueHit> places = ofKind(cues, Lexicon.Kind.PLACE);
        boolean engine2 = rules.engine() >= 2;
        // (engine 2) Numbers in a post about a class, school or neighbourhood vote are that vote's.
        boolean otherElection = engine2 && !ofKind(cues, Lexicon.Kind.OTHER_ELECTION).isEmpty();

        // A term right after a place word is part of a place name ("Gg. Golkar"); a number inside a score, time, date
        // or amount ("2-0", "2/3") is not a ballot number.
        List<Hit> matched = new ArrayList<>(index.match(text, tokens, regionCode));
        matched.addAll(hashtagParts(text, tokens, index));
        List<Hit> all = matched.stream().distinct()
                .filter(h -> places.stream().noneMatch(p -> p.last() == h.firstToken() - 1))
                .filter(h -> !isNumber(h) || !insideFigure(text, h))
                .filter(h -> !isNumber(h) || !otherElection)
                .filter(h -> reading.withinOneField(h.start(), h.end()))
                .toList();
        boolean electionContext = !ofKind(cues, Lexicon.Kind.ELECTION).isEmpty()
                || all.stream().anyMatch(h -> switch (h.term().type()) {
                    case WEAK_NUMBER, BARE_NUMBER, PARTY -> false;
                    case ALIAS -> !isNickname(h);
                    default -> true;
                })
                // (engine 2) A call not to vote, or a call of several words, is about an election.
                || (engine2 && cues.stream().anyMatch(c -> c.cue().kind() == Lexicon.Kind.OPPOSE
                        || (c.cue().kind() == Lexicon.Kind.CALL && c.cue().terms().size() > 1)));
        List<CueHit> stance = cues.stream().filter(c -> c.cue().kind() == Lexicon.Kind.CALL || c.cue().kind() == Lexicon.Kind.SUPPORT).toList();
        List<CueHit> anyStance = cues.stream().filter(c -> switch (c.cue().kind()) {
            case CALL, SUPPORT, OPPOSE -> true;
            default -> false;
        }).toList();
        List<CueHit> cheers = ofKind(cues, Lexicon.Kind.CHEER);
        boolean gestured = !ofKind(cues, Lexicon.Kind.GESTURE).isEmpty();
        int window = engine2 && singlePair(all, regionCode) ? SINGLE_PAIR_WINDOW : WINDOW;
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
            if (type == TermType.BARE_NUMBER && !(engine2 ? bareNumberNamed(h, tokens, anyStance) : near(h.firstToken(), h.lastToken(), stance, 1))) {
                continue;
            }
            if (isNickname(h) && !electionContext && !near(h.firstToken(), h.lastToken(), anyStance, window)
                    && !near(h.firstToken(), h.lastToken(), cheers, 1) && !gestured) {
                continue;
            }
            hits.add(h);
        }
        hits = disambiguateNumbers(withoutNested(hits));
        List<Gesture> gestures = otherElection ? List.of() : gestures(cues, index, regionCode, electionContext);
        if (hits.isEmpty() && gestures.isEmpty() && target == null) {
            return Optional.empty();
        }

        List<int[]> anchors = new ArrayList<>();
        hits.forEach(h -> anchors.add(new int[] {h.firstToken(), h.lastToken()}));
        gestures.forEach(g -> anchors.add(new int[] {g.cue().first(), g.cue().last()}));
        // The watched target stands behind every word the author wrote in answering it: "siap menangkan!" under a
        // pair's post is about that pair.
        int[] own = target == null ? null : ownWords(tokens, reading.ownEnd(post));
        if (own != null) {
            anchors.add(own);
        }
        // A stance word inside a slogan or hashtag ("Bersama" in "Bersama Membangun Madiun") is the slogan's, not the
        // author's: the slogan itself counts as a campaign symbol.
        List<Hit> symbols = hits.stream().filter(h -> h.term().type() == TermType.SLOGAN || h.term().type() == TermType.HASHTAG).toList();
        cues = cues.stream().filter(c -> c.cue().kind() == Lexicon.Kind.GESTURE
                || symbols.stream().noneMatch(h -> c.first() >= h.firstToken() && c.last() <= h.lastToken())).toList();
        Map<String, List<CueHit>> cited = new java.util.HashMap<>();
        cited.put("oppose", cuesNear(cues, Lexicon.Kind.OPPOSE, anchors, window));
        cited.put("call", cuesNear(cues, Lexicon.Kind.CALL, anchors, window));
        cited.put("support", cuesNear(cues, Lexicon.Kind.SUPPORT, anchors, window));
        cited.put("neutral", ofKind(cues, Lexicon.Kind.NEUTRAL));
        cited.put("info", ofKind(cues, Lexicon.Kind.INFO));
        cited.put("cheer", own == null ? List.of() : within(ofKind(cues, Lexicon.Kind.CHEER), own));
        cited.put("question", own == null ? List.of() : within(ofKind(cues, Lexicon.Kind.QUESTION), own));

        java.util.Set<String> features = new java.util.HashSet<>();
        boolean symbol = !gestures.isEmpty() || hits.stream().anyMatch(h -> switch (h.term().type()) {
            case HASHTAG, SLOGAN, ALIAS -> true;
            default -> false;
        });
        boolean onlyParties = target == null
                ? gestures.isEmpty() && hits.stream().allMatch(h -> h.term().type() == TermType.PARTY)
                : gestures.isEmpty() && target.candidate() == null && hits.stream().allMatch(h -> h.term().candidate() == null);
        boolean balanced = balanced(hits, gestures, concat(cited.get("call"), cited.get("support")), !cited.get("info").isEmpty(),
                lists(hits, ofKind(cues, Lexicon.Kind.LIST)));
        feature(features, "neutral", !cited.get("neutral").isEmpty());
        feature(features, "oppose", !cited.get("oppose").isEmpty());
        feature(features, "balanced", balanced);
        feature(features, "call", !cited.get("call").isEmpty());
        feature(features, "support", !cited.get("support").isEmpty());
        feature(features, "symbol", symbol);
        feature(features, "gesture", !gestures.isEmpty());
        feature(features, "only-parties", onlyParties);
        if (target != null) {
            features.add("interaction");
            feature(features, "comment", post.kind() == PostKind.COMMENT || post.kind() == PostKind.REPLY);
            feature(features, "share", post.kind() == PostKind.SHARE);
            feature(features, "reaction", post.kind() == PostKind.REACTION);
            feature(features, "join", post.kind() == PostKind.JOIN);
            feature(features, "cheer", !cited.get("cheer").isEmpty());
            feature(features, "question", !cited.get("question").isEmpty() || reading.ownWords(post).indexOf('?') >= 0);
            String reaction = post.kind() == PostKind.REACTION ? rules.reaction(post.text()) : null;
            feature(features, "reaction-positive", "positive".equals(reaction));
            feature(features, "reaction-negative", "negative".equals(reaction));
            feature(features, "party-target", target.party() != null && target.candidate() == null);
        }
        Rules.Decision decision = rules.decide(features);
        List<CueHit> used = new ArrayList<>();
        for (String kind : decision.cues()) {
            used.addAll(cited.getOrDefault(kind, List.of()));
        }
        return Optional.of(alert(post, reading, asn.get(), index, hits, gestures, used, decision, target,
                readsPictures() ? pictures : null));
    }

    private static void feature(java.util.Set<String> features, String name, boolean holds) {
        if (holds) {
            features.add(name);
        }
    }

    /** The tokens of the author's own words: all of them, except the shared text after a share's blank line. */
    private static int[] ownWords(List<NetraAnalyzer.Token> tokens, int ownEnd) {
        int last = -1;
        for (int i = 0; i < tokens.size() && tokens.get(i).start() < ownEnd; i++) {
            last = i;
        }
        // An interaction without words (a reaction's name, a join, a share without comment) is still one anchor.
        return new int[] {0, Math.max(last, 0)};
    }

    private static List<CueHit> within(List<CueHit> cues, int[] span) {
        return cues.stream().filter(c -> c.first() >= span[0] && c.last() <= span[1]).toList();
    }

    /**
     * A watched target: the interaction's target is a campaign group of the watchlist, or its owner a watched campaign
     * account. A group the watchlist lists as neutral is no target, whoever owns it.
     */
    record Target(String via, String account, String group, Election election, Candidate candidate, id.netra.model.Party party) {
    }

    private static Target target(Post post, WatchlistIndex index) {
        PostTarget t = post.target();
        if (t == null || post.kind() == PostKind.POST) {
            return null;
        }
        Optional<WatchlistIndex.Group> group = index.group(t.url());
        if (group.isPresent()) {
            WatchlistIndex.Group g = group.get();
            return g.campaign() ? new Target("campaign-group", null, g.group().name(), g.election(), g.candidate(), g.party()) : null;
        }
        return index.owner(t.ownerKey())
                .map(o -> new Target("campaign-account", o.account(), null, o.election(), o.candidate(), o.party()))
                .orElse(null);
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
            String split = WatchlistIndex.splitHashtag(text.substring(t.start(), t.end()), analyzer.readsHiddenText());
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

    private static List<CueHit> cuesNear(List<CueHit> cues, Lexicon.Kind kind, List<int[]> anchors, int window) {
        return cues.stream().filter(c -> c.cue().kind() == kind)
                .filter(c -> anchors.stream().anyMatch(a -> distance(c.first(), c.last(), a[0], a[1]) <= window))
                .toList();
    }

    /**
     * (engine 2) Whether the post singles one pair out: it names some pair, and no two pairs of one election (numbers
     * counted where the author votes; "nomor 1" of the city's and the province's race is one choice). A stance cue
     * anywhere in it is then about that pair ("Visi Pak X paling masuk akal. ... mari kita kawal sampai menang").
     */
    private static boolean singlePair(List<Hit> all, String regionCode) {
        Map<String, String> pairByElection = new java.util.HashMap<>();
        for (Hit h : all) {
            if (h.term().candidate() != null && (!isNumber(h) || inRegion(h.term().election(), regionCode))) {
                String other = pairByElection.putIfAbsent(h.term().election().id(), h.term().candidate().id());
                if (other != null && !other.equals(h.term().candidate().id())) {
                    return false;
                }
            }
        }
        return !pairByElection.isEmpty();
    }

    /**
     * (engine 2) A bare number ("02") is a ballot number right next to a call, support or attack ("menangkan 02",
     * "jangan pilih 03"), or with only "yang" between ("jangan pilih yang 03").
     */
    private static boolean bareNumberNamed(Hit h, List<NetraAnalyzer.Token> tokens, List<CueHit> stance) {
        for (CueHit c : stance) {
            int d = distance(h.firstToken(), h.lastToken(), c.first(), c.last());
            if (d <= 1) {
                return true;
            }
            if (d == 2) {
                int between = c.last() < h.firstToken() ? c.last() + 1 : h.lastToken() + 1;
                if (tokens.get(between).term().equals("yang")) {
                    return true;
                }
            }
        }
        return false;
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

    private Alert alert(Post post, Reading reading, AsnRecord asn, WatchlistIndex index, List<Hit> hits, List<Gesture> gestures,
                        List<CueHit> cues, Rules.Decision decision, Target target, id.netra.model.MediaText pictures) {
        String text = reading.text();
        Map<String, Alert.CandidateMatch> candidates = new LinkedHashMap<>();
        Map<String, Alert.PartyMatch> parties = new LinkedHashMap<>();
        List<Alert.Evidence> evidence = new ArrayList<>();
        if (target != null) {
            if (target.candidate() != null) {
                candidates.put(target.election().id() + "/" + target.candidate().id(), candidateMatch(target.election(), target.candidate(), asn));
            }
            if (target.party() != null) {
                parties.put(target.party().id(), new Alert.PartyMatch(target.party().id(), target.party().name()));
            }
        }
        for (Hit h : hits) {
            WatchlistIndex.Term t = h.term();
            if (t.party() != null) {
                parties.putIfAbsent(t.party().id(), new Alert.PartyMatch(t.party().id(), t.party().name()));
            } else {
                candidates.putIfAbsent(t.election().id() + "/" + t.candidate().id(), candidateMatch(t.election(), t.candidate(), asn));
            }
            String type = t.type() == TermType.WEAK_NUMBER || t.type() == TermType.BARE_NUMBER ? "ballot-number" : t.type().name().toLowerCase(Locale.ROOT).replace('_', '-');
            evidence.add(reading.evidence(h.start(), h.end(), type, t.ref()));
        }
        for (Gesture g : gestures) {
            candidates.putIfAbsent(g.election().id() + "/" + g.candidate().id(), candidateMatch(g.election(), g.candidate(), asn));
            evidence.add(reading.evidence(g.cue().start(), g.cue().end(), "gesture", g.candidate().id()));
        }
        for (CueHit c : cues) {
            evidence.add(reading.evidence(c.start(), c.end(), c.cue().kind().name().toLowerCase(Locale.ROOT) + "-cue", c.cue().phrase()));
        }
        Alert.Interaction interaction = target == null ? null : interaction(post, target);
        if (interaction != null && interaction.reaction() != null && !post.text().isBlank()) {
            evidence.add(new Alert.Evidence(0, post.text().length(), post.text(), "reaction", interaction.reaction()));
        }
        evidence = evidence.stream().distinct()
                .sorted(Comparator.comparing((Alert.Evidence e) -> e.field() == null ? "" : e.field())
                        .thenComparingInt(Alert.Evidence::start).thenComparing(Alert.Evidence::type)).toList();
        String registryVersion = Alert.registryVersionOf(asn);
        String version = index.watchlist().version();
        String rule = decision.rule();
        return new Alert(Alert.idFor(post.versionKey(), version, registryVersion), post.platform(), post.postId(), asn.nip(),
                decision.severity(), rule, Explanations.render(decision.explanation(), candidates.values(), parties.values(),
                        // (engine 2) The words as the author wrote them; the first rules cite the lexicon's phrases.
                        cues.stream().map(c -> rules.engine() >= 2 ? text.substring(c.start(), c.end()) : c.cue().phrase()).toList(), post, target),
                rules.violation(rule), post, asn, List.copyOf(candidates.values()), List.copyOf(parties.values()), evidence, version,
                registryVersion, lexiconVersion(), interaction, pictures);
    }

    private static Alert.Interaction interaction(Post post, Target target) {
        PostTarget t = post.target();
        return new Alert.Interaction(post.kind().id(), target.via(), target.account(), target.group(), t.url(), t.postId(),
                t.author() == null ? null : t.author().handle(), target.election() == null ? null : target.election().id(),
                target.candidate() == null ? null : target.candidate().id(), target.party() == null ? null : target.party().id(),
                post.kind() == PostKind.REACTION ? post.text().strip().toLowerCase(Locale.ROOT) : null);
    }

    private static Alert.CandidateMatch candidateMatch(Election e, Candidate c, AsnRecord asn) {
        return new Alert.CandidateMatch(e.id(), c.id(), c.number(), c.names(), e.regionCode(), inRegion(e, asn));
    }
}
