package id.netra.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A candidate pair (head and deputy) in one election.
 *
 * @param number   the ballot number (nomor urut)
 * @param names    the full names, head first
 * @param hashtags campaign hashtags, without {@code #}
 * @param parties  ids of the supporting parties
 * @param accounts the pair's public campaign accounts ({@code platform:handle}, as the registry writes accounts):
 *                 interacting with them counts as interacting with the pair; empty (and left out of the JSON) when none
 */
public record Candidate(
        String id,
        int number,
        List<String> names,
        List<String> aliases,
        List<String> hashtags,
        List<String> slogans,
        List<String> parties,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> accounts) {

    public Candidate {
        Validate.notBlank(id, "candidate id");
        Validate.isTrue(number > 0, "candidate " + id + ": number must be positive");
        Validate.notEmpty(names, "candidate " + id + ": names");
        names = List.copyOf(names);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        hashtags = hashtags == null ? List.of() : List.copyOf(hashtags);
        slogans = slogans == null ? List.of() : List.copyOf(slogans);
        parties = parties == null ? List.of() : List.copyOf(parties);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** A candidate without campaign accounts. */
    public Candidate(String id, int number, List<String> names, List<String> aliases, List<String> hashtags,
                     List<String> slogans, List<String> parties) {
        this(id, number, names, aliases, hashtags, slogans, parties, List.of());
    }
}
