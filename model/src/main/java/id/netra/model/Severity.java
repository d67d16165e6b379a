package id.netra.model;

/**
 * How strongly a post takes a side: HIGH an explicit call, support or attack; MEDIUM partisan but indirect;
 * LOW a watchlist term without a partisan stance (kept for search, not shown by default).
 */
public enum Severity {
    LOW, MEDIUM, HIGH;

    public boolean atLeast(Severity other) {
        return compareTo(other) >= 0;
    }
}
