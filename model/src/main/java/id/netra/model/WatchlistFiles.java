package id.netra.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads a watchlist file ({@code shared/data/FORMATS.md}). */
public final class WatchlistFiles {
    private WatchlistFiles() {
    }

    /**
     * Reads and checks a watchlist file: every candidate's party ids must be parties of the file.
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static Watchlist read(Path file) {
        try {
            return check(Json.mapper().readValue(Files.readAllBytes(file), Watchlist.class), file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file", e);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": not a valid watchlist: " + Errors.describe(e), e);
        }
    }

    private static Watchlist check(Watchlist w, Path file) {
        if (w == null) {
            throw new IllegalArgumentException("JSON null is not a watchlist");
        }
        var partyIds = w.parties().stream().map(Party::id).collect(java.util.stream.Collectors.toSet());
        for (Election e : w.elections()) {
            for (Candidate c : e.candidates()) {
                for (String p : c.parties()) {
                    if (!partyIds.contains(p)) {
                        throw new IllegalArgumentException("candidate " + c.id() + " names unknown party '" + p + "'");
                    }
                }
            }
        }
        return w;
    }
}
