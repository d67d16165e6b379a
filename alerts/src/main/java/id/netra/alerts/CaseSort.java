package id.netra.alerts;

import java.util.Locale;

/**
 * The orders of the case list. Each ends with the case id, so that every case has one place and a cursor (the sort
 * values and id of a page's last case) says exactly where the next page starts, however the cases change meanwhile.
 */
public enum CaseSort {
    /** Most recently changed first. */
    NEWEST("updated_at", true, "Terbaru diubah"),
    /** Least recently changed first. */
    OLDEST("updated_at", false, "Terlama diubah"),
    /** Highest severity first, then most recently changed. */
    SEVERITY("severity", true, "Tingkat tertinggi"),
    /** Most recently opened first. */
    OPENED("opened_at", true, "Terbaru dibuka"),
    /** Most recently posted first. */
    POSTED("published_at", true, "Unggahan terbaru");

    final String column;
    final boolean descending;
    final String label;

    CaseSort(String column, boolean descending, String label) {
        this.column = column;
        this.descending = descending;
        this.label = label;
    }

    /** The parameter value ({@code newest}, ...). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    static CaseSort of(String value) {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
    }

    /** The columns ordered by, the id last. */
    String[] keys() {
        return this == SEVERITY ? new String[] {"severity", "updated_at", "id"} : new String[] {column, "id"};
    }
}
