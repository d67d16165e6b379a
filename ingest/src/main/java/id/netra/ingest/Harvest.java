package id.netra.ingest;

import id.netra.model.Post;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of a source collected. The source only fills it; {@link HarvestWriter} writes it to Kafka in one
 * transaction (posts, captures, dead letters and the source's new positions together), so a crash before the commit
 * leaves no trace and the next run reads the same things again.
 */
public final class Harvest {
    /**
     * A post with the payload it was read from.
     *
     * @param reportedBy who submitted its address to the report endpoint, or {@code null}
     */
    public record Item(Post post, Evidence evidence, String origin, String reportedBy) {
    }

    /**
     * A record that could not be made into a post: its payload whole, or (when {@code size} is set) only its head, with
     * the size and SHA-256 of the whole.
     */
    public record Reject(String origin, byte[] payload, String reason, Long size, String sha256) {
    }

    private final Map<String, String> positions;
    private final List<Item> items = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private java.util.function.Consumer<Item> sink = item -> { };
    private boolean again;
    private java.time.Instant deferUntil;

    /** @param positions the source's positions as last committed; updates go to a copy */
    public Harvest(Map<String, String> positions) {
        this.positions = new HashMap<>(positions);
    }

    public void post(Post post, Evidence evidence, String origin) {
        post(post, evidence, origin, null);
    }

    public void post(Post post, Evidence evidence, String origin, String reportedBy) {
        Item item = new Item(post, evidence, origin, reportedBy);
        items.add(item);
        sink.accept(item);
    }

    /** Hands every post to {@code sink} as it is collected (the writer sends it in the harvest's transaction at once). */
    void streamTo(java.util.function.Consumer<Item> sink) {
        this.sink = sink;
    }

    /** Asks the runner to run the source again at once after this harvest is committed. */
    public void again() {
        again = true;
    }

    boolean wantsAgain() {
        return again;
    }

    /** Runs {@code action} once this harvest is committed (not if the commit fails). */
    public void afterCommit(Runnable action) {
        afterCommit.add(action);
    }

    List<Runnable> afterCommitActions() {
        return afterCommit;
    }

    public void reject(String origin, String payload, String reason) {
        rejects.add(new Reject(origin, payload.getBytes(java.nio.charset.StandardCharsets.UTF_8), reason, null, null));
    }

    public void reject(String origin, byte[] payload, String reason) {
        rejects.add(new Reject(origin, payload, reason, null, null));
    }

    /** A record too large to keep whole: its first bytes, and the size and SHA-256 of the whole. */
    public void rejectHead(String origin, byte[] head, long size, String sha256, String reason) {
        rejects.add(new Reject(origin, head, reason, size, sha256));
    }

    /**
     * A problem that cost this run something but is no record (a page that timed out, a feed that is not XML); counted
     * and shown in the source's health, logged by the runner.
     */
    public void problem(String message) {
        problems.add(message);
    }

    /** Asks the runner not to run this source again before {@code when} (Retry-After, a rate-limit reset). */
    public void deferUntil(java.time.Instant when) {
        if (deferUntil == null || when.isAfter(deferUntil)) {
            deferUntil = when;
        }
    }

    java.time.Instant deferUntil() {
        return deferUntil;
    }

    /** Records a new position, committed with this harvest; {@code null} removes it. */
    public void position(String key, String value) {
        if (value == null) {
            positions.remove(key);
        } else {
            positions.put(key, value);
        }
    }

    public String position(String key) {
        return positions.get(key);
    }

    public List<Item> items() {
        return items;
    }

    public List<Reject> rejects() {
        return rejects;
    }

    public List<String> problems() {
        return problems;
    }

    public Map<String, String> positions() {
        return positions;
    }

    public int size() {
        return items.size() + rejects.size();
    }
}
