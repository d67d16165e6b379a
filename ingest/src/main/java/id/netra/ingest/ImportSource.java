package id.netra.ingest;

import id.netra.ingest.parse.ParseResult;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Exports of other collectors dropped into a folder (or one file): X API v2 tweet JSON, or CSV with a column mapping.
 * Each file is imported whole, once per content (a file whose content changes is read again; posts already emitted
 * unchanged are dropped by the writer). A bad row goes to the dead-letter topic with its line, the rest is imported.
 * The file itself is the captured payload, stored once for all its posts.
 */
final class ImportSource implements Source {
    /** Turns a file's content into posts. */
    interface Parser {
        ParseResult parse(Reader reader, String fileName) throws IOException;
    }

    /** Files larger than this are refused: a capture record must fit in a Kafka record once compressed. */
    static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

    private final String id;
    private final Path path;
    private final Set<String> extensions;
    private final String contentType;
    private final Parser parser;
    private final Clock clock;

    ImportSource(String id, Path path, Set<String> extensions, String contentType, Parser parser, Clock clock) {
        this.id = id;
        this.path = path.toAbsolutePath().normalize();
        this.extensions = Set.copyOf(extensions);
        this.contentType = contentType;
        this.parser = parser;
        this.clock = clock;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void collect(Map<String, String> positions, Harvest out, int limit) throws IOException {
        for (Path file : files()) {
            if (out.size() >= limit) {
                break;
            }
            String key = "imported:" + file.getFileName();
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                String done = "too-large:" + size;
                if (!done.equals(out.position(key))) {
                    out.problem(file + ": " + size + " bytes is more than the " + MAX_FILE_BYTES + " an import may have; split it");
                    out.reject(file.getFileName().toString(), "", "import file too large (" + size + " bytes); split it");
                    out.position(key, done);
                }
                continue;
            }
            byte[] bytes = Files.readAllBytes(file);
            Evidence evidence = Evidence.ofFile(file, bytes, contentType, clock.instant());
            if (evidence.sha256().equals(out.position(key))) {
                continue;
            }
            ParseResult parsed;
            try (Reader r = new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
                parsed = parser.parse(r, file.getFileName().toString());
            } catch (IllegalArgumentException e) {
                out.problem(file + ": " + e.getMessage());
                out.reject(file.getFileName().toString(), new String(bytes, 0, (int) Math.min(bytes.length, 4096), StandardCharsets.UTF_8),
                        e.getMessage());
                out.position(key, evidence.sha256());
                continue;
            }
            WebPositions.add(out, parsed, evidence, "");
            out.position(key, evidence.sha256());
        }
    }

    private List<Path> files() throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return s.filter(Files::isRegularFile)
                        .filter(p -> extensions.stream().anyMatch(e -> p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(e)))
                        .sorted().toList();
            }
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "the import file or folder does not exist");
        }
        return List.of(path);
    }
}
