package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * An analyst's order not to notify about one ASN, one candidate or one region until it expires (or is lifted).
 * Carried by {@link SilenceEvent}.
 *
 * @param id        unique id of the silence
 * @param matcher   what it silences
 * @param expiresAt when it stops applying
 * @param reason    why (required: it is audited)
 * @param createdBy the analyst who set it
 */
public record Silence(String id, Matcher matcher, Instant expiresAt, String reason, String createdBy, Instant createdAt) {

    /** What a silence is about. */
    public enum Kind {
        NIP, CANDIDATE, REGION;

        @JsonValue
        public String id() {
            return EnumIds.id(this);
        }

        @JsonCreator
        public static Kind of(String id) {
            return EnumIds.of(Kind.class, id, "silence kind");
        }
    }

    /**
     * Matches alerts by the ASN's NIP, a candidate id the alert refers to, or the ASN's region (a province code
     * includes its regencies and cities).
     */
    public record Matcher(Kind kind, String value) {
        public Matcher {
            Validate.notNull(kind, "silence kind");
            Validate.notBlank(value, "silence value");
        }

        public boolean matches(Alert a) {
            return matches(a.nip(), a.asn().regionCode(), a.candidates().stream().map(Alert.CandidateMatch::candidateId).toList());
        }

        /** Whether it matches an ASN by NIP and region code, with the candidates a case refers to. */
        public boolean matches(String nip, String regionCode, java.util.Collection<String> candidateIds) {
            return switch (kind) {
                case NIP -> value.equals(nip);
                case CANDIDATE -> candidateIds.contains(value);
                case REGION -> regionCode != null && (regionCode.equals(value)
                        || (value.indexOf('.') < 0 && Regions.province(regionCode).equals(value)));
            };
        }

        @Override
        public String toString() {
            return kind.id() + "=" + value;
        }
    }

    public Silence {
        Validate.notBlank(id, "silence id");
        Validate.notNull(matcher, "matcher");
        Validate.notNull(expiresAt, "expiresAt");
        Validate.notBlank(reason, "silence reason");
        Validate.notBlank(createdBy, "createdBy");
        Validate.notNull(createdAt, "createdAt");
        Validate.isTrue(expiresAt.isAfter(createdAt), "a silence must expire after it is created");
    }

    /** Whether it applies at {@code now}: not yet expired. */
    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }
}
