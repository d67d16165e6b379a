package id.netra.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads a watchlist file ({@code shared/data/FORMATS.md}). */
public final class WatchlistFiles {
    private WatchlistFiles() {
    }

    /**
     * Reads and checks a watchlist file (see {@link #problems}).
     *
     * @throws IllegalArgumentException naming the file and every problem found
     */
    public static Watchlist read(Path file) {
        Watchlist w;
        try {
            w = Json.mapper().readValue(Files.readAllBytes(file), Watchlist.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a valid watchlist: " + Errors.describe(e), e);
        }
        if (w == null) {
            throw new IllegalArgumentException(file + ": not a valid watchlist: JSON null is not a watchlist");
        }
        List<String> problems = problems(w);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(file + ": not a valid watchlist, " + problems.size() + " problem(s):\n  "
                    + String.join("\n  ", problems));
        }
        return w;
    }

    /**
     * Everything wrong with a watchlist, in file order: duplicate party, election or candidate ids; an unknown
     * Kemendagri region code; an election without candidates; two candidates of one election with the same ballot
     * number; an empty name, alias, hashtag or slogan; a hashtag with {@code #} or spaces; a candidate naming a party
     * the file does not define; a campaign account that is not {@code platform:handle} (or a profile address) spelled
     * as its platform allows, or that two candidates or parties both list; a group without a valid http(s) address,
     * listed twice, or backing a candidate of another election or an unknown party.
     */
    public static List<String> problems(Watchlist w) {
        List<String> out = new ArrayList<>();
        Map<String, String> accountOwners = new HashMap<>();
        Set<String> partyIds = new HashSet<>();
        for (Party p : w.parties()) {
            if (!partyIds.add(p.id())) {
                out.add("party '" + p.id() + "' is defined twice");
            }
            if (p.name() == null || p.name().isBlank()) {
                out.add("party '" + p.id() + "' has an empty name");
            }
            blanks(out, "party '" + p.id() + "'", "alias", p.aliases());
            accounts(out, accountOwners, "party '" + p.id() + "'", p.accounts());
        }
        Set<String> groupUrls = new HashSet<>();
        Set<String> electionIds = new HashSet<>();
        Set<String> candidateIds = new HashSet<>();
        for (Election e : w.elections()) {
            String where = "election '" + e.id() + "'";
            if (!electionIds.add(e.id())) {
                out.add(where + " is defined twice");
            }
            if (!Regions.bundled().isKnown(e.regionCode())) {
                out.add(where + ": region_code '" + e.regionCode() + "' is not a Kemendagri province or regency code");
            }
            if (e.candidates().isEmpty()) {
                out.add(where + " has no candidates");
            }
            Map<Integer, String> numbers = new HashMap<>();
            for (Candidate c : e.candidates()) {
                String cw = where + ", candidate '" + c.id() + "'";
                if (!candidateIds.add(e.id() + "/" + c.id())) {
                    out.add(cw + " is defined twice");
                }
                String other = numbers.putIfAbsent(c.number(), c.id());
                if (other != null) {
                    out.add(cw + " has ballot number " + c.number() + ", like '" + other + "'");
                }
                blanks(out, cw, "name", c.names());
                blanks(out, cw, "alias", c.aliases());
                blanks(out, cw, "hashtag", c.hashtags());
                blanks(out, cw, "slogan", c.slogans());
                for (String tag : c.hashtags()) {
                    if (tag != null && (tag.startsWith("#") || tag.chars().anyMatch(Character::isWhitespace))) {
                        out.add(cw + ": hashtag '" + tag + "' must be given without # and without spaces");
                    }
                }
                for (String p : c.parties()) {
                    if (!partyIds.contains(p) && w.parties().stream().noneMatch(x -> x.id().equals(p))) {
                        out.add(cw + " names unknown party '" + p + "'");
                    }
                }
                accounts(out, accountOwners, cw, c.accounts());
            }
            for (Election.Group g : e.groups()) {
                String gw = where + ", group '" + (g.name() == null ? g.url() : g.name()) + "'";
                String scheme = g.url().getScheme();
                if (!g.url().isAbsolute() || g.url().getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                    out.add(gw + ": url '" + g.url() + "' is not an http(s) address");
                } else if (!groupUrls.add(GroupUrls.normalise(g.url()))) {
                    out.add(gw + ": url '" + g.url() + "' is listed twice");
                }
                if (g.candidate() != null && e.candidates().stream().noneMatch(c -> c.id().equals(g.candidate()))) {
                    out.add(gw + " backs candidate '" + g.candidate() + "', which is not a candidate of this election");
                }
                if (g.party() != null && w.parties().stream().noneMatch(x -> x.id().equals(g.party()))) {
                    out.add(gw + " backs unknown party '" + g.party() + "'");
                }
            }
        }
        return out;
    }

    private static void accounts(List<String> out, Map<String, String> owners, String where, List<String> accounts) {
        for (String a : accounts) {
            Account account;
            try {
                account = Account.parse(a);
            } catch (IllegalArgumentException e) {
                out.add(where + ": " + e.getMessage());
                continue;
            }
            account.syntaxProblem().ifPresent(p -> out.add(where + ": " + p));
            String other = owners.putIfAbsent(account.lookupKey(), where);
            if (other != null && !other.equals(where)) {
                out.add(where + ": account '" + a + "' is also listed by " + other);
            }
        }
    }

    private static void blanks(List<String> out, String where, String what, List<String> values) {
        for (String v : values) {
            if (v == null || v.isBlank()) {
                out.add(where + " has an empty " + what);
            }
        }
    }
}
