package id.netra.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.time.LocalDate;
import java.util.List;

/**
 * One watched election (a Pilkada race).
 *
 * @param regionCode Kemendagri code of the region that votes: a province ({@code 18}) or a regency/city ({@code 18.72})
 * @param office     the office contested, e.g. {@code Wali Kota}
 * @param groups     public groups and communities around this election: campaign groups backing a candidate or a
 *                   party, and known neutral ones; empty (and left out of the JSON) when none
 */
public record Election(String id, @JsonProperty("region_code") String regionCode, String office, LocalDate date, List<Candidate> candidates,
                       @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Group> groups) {
    public Election {
        Validate.notBlank(id, "election id");
        Validate.notBlank(regionCode, "election " + id + ": region_code");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    /** An election without groups. */
    public Election(String id, String regionCode, String office, LocalDate date, List<Candidate> candidates) {
        this(id, regionCode, office, date, candidates, List.of());
    }

    /**
     * A public group or community (FORMATS.md {@code groups}).
     *
     * @param candidate the id of the candidate it backs, or {@code null}
     * @param party     the id of the party it backs, or {@code null}; with neither, a known neutral group
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(Platform platform, URI url, String name, String candidate, String party) {
        public Group {
            Validate.notNull(platform, "group platform");
            Validate.notNull(url, "group url");
        }

        /** Whether joining it takes a side. */
        public boolean campaign() {
            return candidate != null || party != null;
        }
    }
}
