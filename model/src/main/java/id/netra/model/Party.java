package id.netra.model;

import java.util.List;

/** A political party of the watchlist, with the other names it goes by. */
public record Party(String id, String name, List<String> aliases) {
    public Party {
        Validate.notBlank(id, "party id");
        Validate.notBlank(name, "party name");
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }
}
