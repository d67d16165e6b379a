package id.netra.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A political party of the watchlist, with the other names it goes by.
 *
 * @param accounts the party's public accounts ({@code platform:handle}); empty (and left out of the JSON) when none
 */
public record Party(String id, String name, List<String> aliases,
                    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> accounts) {
    public Party {
        Validate.notBlank(id, "party id");
        Validate.notBlank(name, "party name");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }

    /** A party without accounts. */
    public Party(String id, String name, List<String> aliases) {
        this(id, name, aliases, List.of());
    }
}
