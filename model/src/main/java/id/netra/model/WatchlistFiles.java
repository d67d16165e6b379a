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
     * the file does not define.
     */
    public static List<String> problems(Watchlist w) {
        List<String> out = new ArrayList<>();
        Set<String> partyIds = new HashSet<>();
        for (Party p : w.parties()) {
            if (!partyIds.add(p.id())) {
                out.add("party '" + p.id() + "' is defined twice");
            }
            if (p.name() == null || p.name().isBlank()) {
                out.add("party '" + p.id() + "' has an empty name");
            }
            blanks(out, "party '" + p.id() + "'", "alias", p.aliases());
        }
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
            }
        }
        return out;
    }

    private static void blanks(List<String> out, String where, String what, List<String> values) {
        for (String v : values) {
            if (v == null || v.isBlank()) {
                out.add(where + " has an empty " + what);
            }
        }
    }
}
