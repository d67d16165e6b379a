package id.netra.alerts.auth;

import id.netra.model.Regions;

/**
 * Where a user's cases come from: the whole country, a province ({@code 18}, which includes its regencies and cities)
 * or one regency or city ({@code 18.72}). A case belongs to the region of the civil servant it is about.
 *
 * @param code {@code null} for national, else a Kemendagri province or regency code
 */
public record Jurisdiction(String code) {
    /** Every region. */
    public static final Jurisdiction NATIONAL = new Jurisdiction(null);

    /** @throws IllegalArgumentException when {@code value} is neither {@code national} nor a known region code */
    public static Jurisdiction parse(String value, Regions regions) {
        String v = value == null ? "" : value.strip();
        if (v.equalsIgnoreCase("national")) {
            return NATIONAL;
        }
        if (!regions.isKnown(v)) {
            throw new IllegalArgumentException("jurisdiction '" + value + "' is neither 'national' nor a Kemendagri province or regency code");
        }
        return new Jurisdiction(v);
    }

    public boolean national() {
        return code == null;
    }

    /** Whether a case in {@code regionCode} is within this jurisdiction; an unknown region is only national. */
    public boolean covers(String regionCode) {
        if (code == null) {
            return true;
        }
        if (regionCode == null || regionCode.isBlank()) {
            return false;
        }
        return code.contains(".") ? code.equals(regionCode) : code.equals(Regions.province(regionCode));
    }

    /** As written in the users file. */
    @Override
    public String toString() {
        return code == null ? "national" : code;
    }

    /** For the page header: {@code nasional} or the region's name and code. */
    public String label(Regions regions) {
        return code == null ? "nasional" : regions.name(code).map(n -> n + " (" + code + ")").orElse(code);
    }
}
