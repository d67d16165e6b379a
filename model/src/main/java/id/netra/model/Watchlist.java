package id.netra.model;

import java.util.List;

/**
 * One version of the watchlist: the elections watched, their candidates, and the parties. Value of the
 * compacted {@code watchlist} topic, keyed by {@link #version()}, so every version is kept.
 */
public record Watchlist(String version, List<Party> parties, List<Election> elections) {
    public Watchlist {
        Validate.notBlank(version, "version");
        parties = parties == null ? List.of() : List.copyOf(parties);
        elections = elections == null ? List.of() : List.copyOf(elections);
    }
}
