package id.netra.classifier.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.netra.model.Alert;
import id.netra.model.Json;
import id.netra.model.ReplayReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares replayed alerts with recorded ones, post by post (by the post's version key, and a post's second decision with
 * the text of its pictures by that key and {@code #media}, see {@link id.netra.classifier.MediaWait#decisionKey}): identical (the same alert,
 * field for field), changed (the fields that differ, each side's JSON), missing (recorded, not replayed), new
 * (replayed, not recorded). When a post was recorded with several alerts (it was classified again under other
 * versions), the replayed alert is compared with the recorded one of the same id, else with the last one recorded.
 */
final class ReportBuilder {
    private static final ObjectMapper MAPPER = Json.mapper();

    private ReportBuilder() {
    }

    static ReplayReport build(ReplayOptions options, Instant replayedAt, double seconds, long postsRead, long postsInPeriod,
                              List<Alert> recorded, List<Alert> replayed, String lexiconVersion) {
        Map<String, List<Alert>> recordedByPost = new LinkedHashMap<>();
        for (Alert a : recorded) {
            recordedByPost.computeIfAbsent(id.netra.classifier.MediaWait.decisionKey(a), k -> new ArrayList<>()).add(a);
        }
        Map<String, Alert> replayedByPost = new LinkedHashMap<>();
        for (Alert a : replayed) {
            replayedByPost.put(id.netra.classifier.MediaWait.decisionKey(a), a);
        }
        List<ReplayReport.Entry> entries = new ArrayList<>();
        Set<String> posts = new TreeSet<>(recordedByPost.keySet());
        posts.addAll(replayedByPost.keySet());
        for (String post : posts) {
            Alert now = replayedByPost.get(post);
            List<Alert> before = recordedByPost.getOrDefault(post, List.of());
            Alert then = before.isEmpty() ? null
                    : before.stream().filter(a -> now != null && a.id().equals(now.id())).findFirst().orElse(before.getLast());
            entries.add(entry(post, then, now));
        }
        entries.sort(Comparator.comparing(ReplayReport.Entry::kind).thenComparing(ReplayReport.Entry::postKey));
        long identical = entries.stream().filter(e -> e.kind() == ReplayReport.Kind.IDENTICAL).count();
        long changed = entries.stream().filter(e -> e.kind() == ReplayReport.Kind.CHANGED).count();
        long missing = entries.stream().filter(e -> e.kind() == ReplayReport.Kind.MISSING).count();
        long added = entries.stream().filter(e -> e.kind() == ReplayReport.Kind.NEW).count();
        ReplayReport.Versions asked = new ReplayReport.Versions(options.watchlistVersion(),
                options.registryAsOf() == null ? null : options.registryAsOf().toString(),
                options.lexiconVersion() == null ? null : lexiconVersion);
        return new ReplayReport(options.runId(), options.from(), options.to(), replayedAt, asked, options.outputTopic(),
                postsRead, postsInPeriod, seconds, seconds > 0 ? postsRead / seconds : 0,
                new ReplayReport.Counts(identical, changed, missing, added, recorded.size(), replayed.size()), entries);
    }

    private static ReplayReport.Entry entry(String post, Alert then, Alert now) {
        if (then == null) {
            return new ReplayReport.Entry(ReplayReport.Kind.NEW, post, null, now.id(), null, now.severity(), null, versions(now), List.of());
        }
        if (now == null) {
            return new ReplayReport.Entry(ReplayReport.Kind.MISSING, post, then.id(), null, then.severity(), null, versions(then), null, List.of());
        }
        List<ReplayReport.Change> changes = changes(then, now);
        return new ReplayReport.Entry(changes.isEmpty() ? ReplayReport.Kind.IDENTICAL : ReplayReport.Kind.CHANGED, post, then.id(),
                now.id(), then.severity(), now.severity(), versions(then), versions(now), changes);
    }

    private static ReplayReport.Versions versions(Alert a) {
        return new ReplayReport.Versions(a.watchlistVersion(), a.registryVersion(), a.lexiconVersion());
    }

    /** The top-level fields of the two alerts' JSON that differ, in the alert's field order. */
    static List<ReplayReport.Change> changes(Alert then, Alert now) {
        JsonNode a = MAPPER.valueToTree(then);
        JsonNode b = MAPPER.valueToTree(now);
        Set<String> fields = new java.util.LinkedHashSet<>();
        a.fieldNames().forEachRemaining(fields::add);
        b.fieldNames().forEachRemaining(fields::add);
        List<ReplayReport.Change> out = new ArrayList<>();
        for (String f : fields) {
            JsonNode x = a.get(f);
            JsonNode y = b.get(f);
            if (x == null ? y != null : !x.equals(y)) {
                out.add(new ReplayReport.Change(f, text(x), text(y)));
            }
        }
        return out;
    }

    private static String text(JsonNode n) {
        return n == null || n.isNull() ? null : n.isTextual() ? n.asText() : n.toString();
    }
}
