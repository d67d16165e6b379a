package id.netra.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code sources.yml}:
 * <pre>
 * sources:
 *   - id: kabar-lampung          # unique; names the source in logs, provenance, health and its Kafka transaction
 *     type: feed                 # feed (RSS 2.0 / Atom), html, mastodon, jsonl, x-import, csv-import
 *     urls: [https://kabarlampung.example/feed.xml]
 *     interval: 10m
 * </pre>
 * Every problem of the file is reported at once, each naming its source; relative paths are resolved against the
 * file's folder.
 */
public final class SourcesFile {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SourcesFile() {
    }

    /** @throws IllegalArgumentException listing every problem, one per line */
    public static List<SourceSpec> read(Path file) throws IOException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(file + ": not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        }
        return parse(root, file.toString(), file.toAbsolutePath().getParent());
    }

    @SuppressWarnings("unchecked")
    static List<SourceSpec> parse(JsonNode root, String name, Path baseDir) {
        if (root == null || root.isMissingNode() || root.isNull()) {
            return List.of();
        }
        JsonNode list = root.get("sources");
        if (list == null || !list.isArray()) {
            throw new IllegalArgumentException(name + ": expected a top-level 'sources:' list");
        }
        List<String> problems = new ArrayList<>();
        List<SourceSpec> specs = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int n = 0;
        for (JsonNode entry : list) {
            n++;
            try {
                Map<String, Object> map = YAML.convertValue(entry, Map.class);
                if (map == null) {
                    throw new IllegalArgumentException("empty entry");
                }
                if (baseDir != null && map.get("path") instanceof String p && !Path.of(p).isAbsolute()) {
                    map.put("path", baseDir.resolve(p).normalize().toString());
                }
                SourceSpec spec = SourceSpec.of(map);
                if (!ids.add(spec.id())) {
                    throw new IllegalArgumentException("source '" + spec.id() + "' is defined twice");
                }
                SourceFactory.check(spec);
                specs.add(spec);
            } catch (IllegalArgumentException e) {
                problems.add("entry " + n + ": " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(name + " has " + problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
        return specs;
    }
}
