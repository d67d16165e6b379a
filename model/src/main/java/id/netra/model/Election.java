package id.netra.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.LocalDate;
import java.util.List;

/**
 * One watched election (a Pilkada race).
 *
 * @param regionCode Kemendagri code of the region that votes: a province ({@code 18}) or a regency/city ({@code 18.72})
 * @param office     the office contested, e.g. {@code Wali Kota}
 */
public record Election(String id, @JsonProperty("region_code") String regionCode, String office, LocalDate date, List<Candidate> candidates) {
    public Election {
        Validate.notBlank(id, "election id");
        Validate.notBlank(regionCode, "election " + id + ": region_code");
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
