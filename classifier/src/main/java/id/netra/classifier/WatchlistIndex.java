package id.netra.classifier;

import id.netra.model.Account;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.GroupUrls;
import id.netra.model.Party;
import id.netra.model.Regions;
import id.netra.model.Watchlist;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.TextField;
import org.apache.lucene.monitor.MatchingQueries;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultipassTermFilteredPresearcher;
import org.apache.lucene.monitor.QueryMatch;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.QueryBuilder;

/**
 * One watchlist version indexed for matching: a lucene-monitor query per term (every candidate's names, aliases,
 * hashtags whole and split into words, slogans and ballot-number phrases; every party's name and aliases). A post's
 * text is matched against all queries at once; the hits come back with their spans in the original text.
 */
public final class WatchlistIndex implements Closeable {
    private static final String[] NUMBER_WORDS = {"nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan"};

    /**
     * What a term is. A {@code WEAK_NUMBER} ("nomor 2") only counts where the post is about an election; a
     * {@code BARE_NUMBER} ("02") only right next to a call or support cue ("menangkan 02"). An {@code ACCOUNT} is a
     * watched campaign account's handle mentioned in the text ({@code @budi.official}), indexed with the chains that
     * read hidden text (slang-v2 on).
     */
    public enum TermType { NAME, ALIAS, HASHTAG, SLOGAN, BALLOT_NUMBER, WEAK_NUMBER, BARE_NUMBER, PARTY, ACCOUNT }

    /**
     * Whose a watched campaign account is: a candidate's (with its election) or a party's.
     *
     * @param account the account as the watchlist lists it
     */
    public record Owner(String account, Election election, Candidate candidate, Party party) {
    }

    /** A group or community of the watchlist, with its election and whom it backs (none: a known neutral group). */
    public record Group(Election.Group group, Election election, Candidate candidate, Party party) {
        public boolean campaign() {
            return candidate != null || party != null;
        }
    }

    /**
     * A watchlist term.
     *
     * @param acronym true for an upper-case alias such as a party's or pair's acronym: it only counts when written in
     *                capitals (as a hashtag too), since the same letters are often an ordinary word
     */
    public record Term(String id, List<String> terms, TermType type, String ref, Election election, Candidate candidate,
                       Party party, boolean acronym) {
        /** Terms are unique by id within an index; comparing the whole election each time would cost more than the match. */
        @Override
        public boolean equals(Object o) {
            return o instanceof Term t && t.id.equals(id);
        }

        @Override
        public int hashCode() {
            return id.hashCode();
        }
    }

    /** A term found in a text: token positions and char offsets. */
    public record Hit(Term term, int firstToken, int lastToken, int start, int end) {
    }

    private final Watchlist watchlist;
    private final NetraAnalyzer analyzer;
    private final Monitor monitor;
    /** The terms by their analysed phrase: many candidates share "coblos nomor 2", which is one query for all. */
    private final Map<String, List<Term>> byPhrase = new HashMap<>();
    /** The phrases in query-id order: short numeric ids keep lucene-monitor's id lookups cheap. */
    private final List<String> phrases = new ArrayList<>();
    /** For a phrase with ballot-number terms, those by the region code of their election, the others under {@link #OTHER_TERMS}. */
    private final Map<List<String>, Map<String, List<Term>>> numbersByRegion = new HashMap<>();
    private static final String OTHER_TERMS = "";
    private int size;
    /** Every phrase by its first term: the fast matcher, and the pre-filter in front of lucene-monitor. */
    private final PhraseIndex<String> automaton = new PhraseIndex<>();
    private final Matcher matcher;
    private final Map<String, List<Election>> electionsByRegion = new HashMap<>();
    /** Watched accounts by {@link id.netra.model.Account#lookupKey}. */
    private final Map<String, Owner> owners = new HashMap<>();
    /** Groups by {@link GroupUrls#normalise}. */
    private final Map<String, Group> groups = new HashMap<>();

    /**
     * How posts are matched. Both give the same hits (a test holds them to it): lucene-monitor is the reference, the
     * token automaton runs several times faster at national scale (docs/BENCHMARKS.md).
     */
    public enum Matcher {
        /** Phrases looked up by their first term, token by token: one hash lookup per token. */
        AUTOMATON,
        /** lucene-monitor, behind the automaton as a pre-filter (a post with no watchlist phrase skips the monitor). */
        MONITOR
    }

    /** An index matching with the token automaton. */
    public WatchlistIndex(Watchlist watchlist, NetraAnalyzer analyzer) {
        this(watchlist, analyzer, Matcher.AUTOMATON);
    }

    public WatchlistIndex(Watchlist watchlist, NetraAnalyzer analyzer, Matcher matcher) {
        this.matcher = matcher;
        this.watchlist = watchlist;
        for (Election e : watchlist.elections()) {
            electionsByRegion.computeIfAbsent(e.regionCode(), k -> new ArrayList<>()).add(e);
        }
        indexTargets(watchlist);
        this.analyzer = analyzer;
        try {
            // Two passes: a phrase query is a candidate for a post only where two of its terms occur in it, which keeps
            // the many "nomor N" / "paslon N" queries of a national watchlist out of most posts' candidate lists.
            this.monitor = matcher == Matcher.MONITOR ? new Monitor(analyzer, new MultipassTermFilteredPresearcher(2)) : null;
            List<MonitorQuery> queries = new ArrayList<>();
            QueryBuilder builder = new QueryBuilder(analyzer);
            Set<String> ids = new java.util.HashSet<>();
            for (Term t : buildTerms()) {
                if (!ids.add(t.id())) {
                    continue;
                }
                String phrase = String.join(" ", t.terms());
                List<Term> same = byPhrase.get(phrase);
                if (same == null) {
                    Query q = builder.createPhraseQuery(NetraAnalyzer.FIELD, phrase);
                    if (q == null) {
                        continue;
                    }
                    same = new ArrayList<>();
                    byPhrase.put(phrase, same);
                    queries.add(new MonitorQuery(Integer.toString(phrases.size()), q));
                    phrases.add(phrase);
                    automaton.add(t.terms(), phrase);
                }
                same.add(t);
                size++;
            }
            for (List<Term> same : byPhrase.values()) {
                if (same.stream().anyMatch(t -> isNumber(t.type()))) {
                    Map<String, List<Term>> byRegion = new HashMap<>();
                    for (Term t : same) {
                        byRegion.computeIfAbsent(isNumber(t.type()) ? t.election().regionCode() : OTHER_TERMS, k -> new ArrayList<>()).add(t);
                    }
                    numbersByRegion.put(same.getFirst().terms(), byRegion);
                }
            }
            if (monitor != null) {
                monitor.register(queries);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot index watchlist " + watchlist.version(), e);
        }
    }

    public Watchlist watchlist() {
        return watchlist;
    }

    private void indexTargets(Watchlist w) {
        Map<String, Party> parties = new HashMap<>();
        for (Party p : w.parties()) {
            parties.put(p.id(), p);
            for (String a : p.accounts()) {
                lookupKey(a).ifPresent(k -> owners.putIfAbsent(k, new Owner(a, null, null, p)));
            }
        }
        for (Election e : w.elections()) {
            for (Candidate c : e.candidates()) {
                for (String a : c.accounts()) {
                    lookupKey(a).ifPresent(k -> owners.putIfAbsent(k, new Owner(a, e, c, null)));
                }
            }
            for (Election.Group g : e.groups()) {
                Candidate c = g.candidate() == null ? null
                        : e.candidates().stream().filter(x -> x.id().equals(g.candidate())).findFirst().orElse(null);
                groups.putIfAbsent(GroupUrls.normalise(g.url()), new Group(g, e, c, g.party() == null ? null : parties.get(g.party())));
            }
        }
    }

    private static java.util.Optional<String> lookupKey(String account) {
        try {
            return java.util.Optional.of(Account.parse(account).lookupKey());
        } catch (IllegalArgumentException e) {
            // A published watchlist was checked; an unreadable account of an older one is simply not watched.
            return java.util.Optional.empty();
        }
    }

    /** The owner of a watched account, by its {@link id.netra.model.Account#lookupKey}, if it is one. */
    public java.util.Optional<Owner> owner(String lookupKey) {
        return lookupKey == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(owners.get(lookupKey));
    }

    /** The watchlist's group at {@code url}, if it lists one there. */
    public java.util.Optional<Group> group(java.net.URI url) {
        return url == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(groups.get(GroupUrls.normalise(url)));
    }

    /** The elections an ASN of {@code region} votes in: its regency/city's and its province's. */
    public List<Election> electionsOf(String region) {
        List<Election> own = electionsByRegion.getOrDefault(region, List.of());
        String provinceCode = Regions.province(region);
        if (provinceCode.equals(region)) {
            return own;
        }
        List<Election> province = electionsByRegion.getOrDefault(provinceCode, List.of());
        if (own.isEmpty()) {
            return province;
        }
        List<Election> both = new ArrayList<>(own);
        both.addAll(province);
        return both;
    }

    /** How many watchlist terms are indexed. */
    public int size() {
        return size;
    }

    /** How many distinct phrases (lucene-monitor queries, in {@link Matcher#MONITOR} mode) they make. */
    public int queries() {
        return byPhrase.size();
    }

    private List<Term> buildTerms() {
        List<Term> out = new ArrayList<>();
        Map<String, Party> parties = new HashMap<>();
        for (Party p : watchlist.parties()) {
            parties.put(p.id(), p);
            add(out, "party:" + p.id() + ":name", p.name(), TermType.PARTY, p.id(), null, null, p, false);
            for (String alias : p.aliases()) {
                add(out, "party:" + p.id() + ":alias:" + alias, alias, TermType.PARTY, p.id(), null, null, p, isAcronym(alias));
            }
            if (analyzer.readsHiddenText()) {
                for (String a : p.accounts()) {
                    handle(a).ifPresent(h -> add(out, "party:" + p.id() + ":account:" + a, h, TermType.ACCOUNT, p.id(), null, null, p, false));
                }
            }
        }
        for (Election e : watchlist.elections()) {
            for (Candidate c : e.candidates()) {
                String id = "cand:" + e.id() + ":" + c.id();
                for (String name : c.names()) {
                    add(out, id + ":name:" + name, name, TermType.NAME, c.id(), e, c, null, false);
                }
                for (String alias : c.aliases()) {
                    add(out, id + ":alias:" + alias, alias, TermType.ALIAS, c.id(), e, c, null, isAcronym(alias));
                }
                for (String tag : c.hashtags()) {
                    add(out, id + ":tag:" + tag, tag, TermType.HASHTAG, c.id(), e, c, null, false);
                    String split = splitHashtag(tag, analyzer.readsHiddenText());
                    if (split.contains(" ")) {
                        add(out, id + ":tagwords:" + tag, split, TermType.HASHTAG, c.id(), e, c, null, false);
                    }
                }
                for (String slogan : c.slogans()) {
                    add(out, id + ":slogan:" + slogan, slogan, TermType.SLOGAN, c.id(), e, c, null, false);
                }
                if (analyzer.readsHiddenText()) {
                    // A pair is often written by its initials: "RS-YP" for Rahmat Sembiring - Yusnita Purba.
                    pairInitials(c).ifPresent(i -> add(out, id + ":initials:" + i, i, TermType.ALIAS, c.id(), e, c, null, true));
                    for (String a : c.accounts()) {
                        handle(a).ifPresent(h -> add(out, id + ":account:" + a, h, TermType.ACCOUNT, c.id(), e, c, null, false));
                    }
                }
                for (String phrase : ballotPhrases(c.number(), true)) {
                    add(out, id + ":ballot:" + phrase, phrase, TermType.BALLOT_NUMBER, c.id(), e, c, null, false);
                }
                for (String phrase : ballotPhrases(c.number(), false)) {
                    add(out, id + ":number:" + phrase, phrase, TermType.WEAK_NUMBER, c.id(), e, c, null, false);
                }
                for (String bare : new LinkedHashSet<>(List.of(Integer.toString(c.number()), String.format("%02d", c.number())))) {
                    add(out, id + ":bare:" + bare, bare, TermType.BARE_NUMBER, c.id(), e, c, null, false);
                }
            }
        }
        return out;
    }

    private void add(List<Term> out, String id, String text, TermType type, String ref, Election e, Candidate c, Party p,
                     boolean acronym) {
        List<String> ts = analyzer.terms(text);
        if (!ts.isEmpty()) {
            out.add(new Term(id, ts, type, ref, e, c, p, acronym));
        }
    }

    /**
     * The initials of a pair, head then deputy, each of two or three capitals ({@code RS YP}), or nothing when a name has
     * a single word. Written in capitals only, like every acronym alias.
     */
    static java.util.Optional<String> pairInitials(Candidate c) {
        if (c.names().size() < 2) {
            return java.util.Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String name : c.names().subList(0, 2)) {
            String[] words = name.strip().split("\\s+");
            if (words.length < 2) {
                return java.util.Optional.empty();
            }
            StringBuilder initials = new StringBuilder();
            for (int i = 0; i < Math.min(words.length, 3); i++) {
                if (!words[i].isEmpty() && Character.isLetter(words[i].charAt(0))) {
                    initials.append(Character.toUpperCase(words[i].charAt(0)));
                }
            }
            parts.add(initials.toString());
        }
        return java.util.Optional.of(String.join(" ", parts));
    }

    /** The handle of a listed account, as a mention writes it ({@code @budi.official} is analysed to one term). */
    private static java.util.Optional<String> handle(String account) {
        try {
            String h = Account.parse(account).handle();
            return java.util.Optional.of(h.startsWith("@") ? h.substring(1) : h);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }

    static boolean isAcronym(String alias) {
        String letters = alias.replaceAll("[^\\p{L}]", "");
        return !alias.contains(" ") && letters.length() >= 2 && letters.equals(letters.toUpperCase(Locale.ROOT));
    }

    /** {@code MetroBerkah01} -> {@code Metro Berkah 01}. */
    static String splitHashtag(String tag) {
        return tag.replaceAll("(?<=\\p{Ll})(?=\\p{Lu})|(?<=\\p{L})(?=\\p{N})|(?<=\\p{N})(?=\\p{L})|_", " ").strip();
    }

    /**
     * {@code MetroBerkah01} -> {@code Metro Berkah 01}; with {@code acronyms} (the chains that read hidden text) also an
     * acronym before a word: {@code NTBMaju} -> {@code NTB Maju}.
     */
    static String splitHashtag(String tag, boolean acronyms) {
        String split = splitHashtag(tag);
        return acronyms ? split.replaceAll("(?<=\\p{Lu})(?=\\p{Lu}\\p{Ll})", " ") : split;
    }

    /** Ballot-number phrases: strong ones name the ballot by themselves, weak ones need an election context. */
    static List<String> ballotPhrases(int n, boolean strong) {
        Set<String> numbers = new LinkedHashSet<>(List.of(Integer.toString(n), String.format("%02d", n)));
        if (n < NUMBER_WORDS.length) {
            numbers.add(NUMBER_WORDS[n]);
        }
        List<String> out = new ArrayList<>();
        for (String num : numbers) {
            if (strong) {
                for (String p : List.of("paslon", "paslon nomor", "paslon no", "paslon nomor urut", "nomor urut", "no urut",
                        "calon nomor", "pasangan nomor", "coblos", "coblos nomor", "coblos no", "pilih nomor", "pilih no")) {
                    out.add(p + " " + num);
                }
            } else {
                for (String p : List.of("nomor", "no", "nmr", "nomer")) {
                    out.add(p + " " + num);
                }
            }
        }
        if (strong && n <= 9) {
            out.add(n + "\uFE0F\u20E3");
        }
        return out;
    }

    /** Every term found in {@code text}, with spans; an acronym alias only where written in capitals. */
    public List<Hit> match(String text, List<NetraAnalyzer.Token> tokens) {
        return match(text, tokens, null);
    }

    /**
     * Every term found in {@code text}, with spans; an acronym alias only where written in capitals; ballot numbers
     * only of the elections of {@code region} (a regency/city code: its own election and its province's), or of every
     * election where {@code region} is null. A national watchlist has hundreds of "nomor 2": the region picks the
     * ones that can mean something.
     */
    public List<Hit> match(String text, List<NetraAnalyzer.Token> tokens, String region) {
        List<Hit> hits = new ArrayList<>();
        if (matcher == Matcher.AUTOMATON) {
            for (PhraseIndex.Found<String> f : automaton.find(tokens)) {
                addHits(hits, byPhrase.get(f.value()), f.first(), f.last(), text, tokens, region);
            }
        } else if (automaton.anyIn(tokens)) {
            for (QueryMatch m : monitorMatches(text)) {
                List<Term> same = byPhrase.get(phrases.get(Integer.parseInt(m.getQueryId())));
                for (int[] at : Phrases.find(tokens, same.getFirst().terms())) {
                    addHits(hits, same, at[0], at[1], text, tokens, region);
                }
            }
        }
        hits.sort(java.util.Comparator.comparingInt(Hit::start).thenComparing(h -> h.term().id()));
        return hits;
    }

    private void addHits(List<Hit> hits, List<Term> same, int first, int last, String text, List<NetraAnalyzer.Token> tokens,
                         String region) {
        int start = tokens.get(first).start();
        int end = tokens.get(last).end();
        for (Term t : scoped(same, region)) {
            if (!t.acronym() || isWrittenAsAcronym(text, start, end)) {
                hits.add(new Hit(t, first, last, start, end));
            }
        }
    }

    private java.util.Collection<QueryMatch> monitorMatches(String text) {
        Document doc = new Document();
        doc.add(new TextField(NetraAnalyzer.FIELD, text, Field.Store.NO));
        MatchingQueries<QueryMatch> matches;
        try {
            matches = monitor.match(doc, QueryMatch.SIMPLE_MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matches.getMatches();
    }

    private List<Term> scoped(List<Term> same, String region) {
        Map<String, List<Term>> numbers = numbersByRegion.get(same.getFirst().terms());
        if (region == null || numbers == null) {
            return same;
        }
        List<Term> out = new ArrayList<>(numbers.getOrDefault(OTHER_TERMS, List.of()));
        out.addAll(numbers.getOrDefault(region, List.of()));
        String province = Regions.province(region);
        if (!province.equals(region)) {
            out.addAll(numbers.getOrDefault(province, List.of()));
        }
        return out;
    }

    static boolean isNumber(TermType type) {
        return type == TermType.BALLOT_NUMBER || type == TermType.WEAK_NUMBER || type == TermType.BARE_NUMBER;
    }

    /** In capitals, as a hashtag too: "#hemat" is a word, "#HEMAT" the acronym. */
    private static boolean isWrittenAsAcronym(String text, int start, int end) {
        String span = text.substring(start, end);
        return span.equals(span.toUpperCase(Locale.ROOT));
    }

    @Override
    public void close() throws IOException {
        if (monitor != null) {
            monitor.close();
        }
    }
}
