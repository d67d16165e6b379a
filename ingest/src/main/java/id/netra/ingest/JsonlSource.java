package id.netra.ingest;

import id.netra.model.Post;
import id.netra.model.PostLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Follows a JSONL file, or every {@code *.jsonl} file of a folder, like {@code tail -F}: existing lines first,
 * then lines appended while running and files that appear. A last line without its newline is left until it is
 * complete. A file that shrinks (truncated or replaced) is read again from its start.
 *
 * <p>Positions are kept for the life of this object only: after a restart the files are read again from the
 * start. That re-sends posts with the same keys ({@code platform:postId}), which downstream stages treat as the
 * same post (alert ids are deterministic); cursors stored in Kafka come with the web sources.
 */
public final class JsonlSource implements Source {
    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private final Map<Path, Cursor> cursors = new HashMap<>();

    private static final class Cursor {
        long position;
        long line;
    }

    public JsonlSource(Path path) {
        this.path = path.toAbsolutePath().normalize();
    }

    @Override
    public String id() {
        return "jsonl:" + path;
    }

    @Override
    public int poll(Sink sink, int limit) throws IOException {
        int handed = 0;
        for (Path file : files()) {
            if (handed >= limit) {
                break;
            }
            handed += readNew(file, sink, limit - handed);
        }
        return handed;
    }

    private List<Path> files() throws IOException {
        if (Files.isDirectory(path)) {
            try (Stream<Path> s = Files.list(path)) {
                return s.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p)).sorted().toList();
            }
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "the JSONL file or folder to follow does not exist");
        }
        return List.of(path);
    }

    private int readNew(Path file, Sink sink, int limit) throws IOException {
        Cursor cursor = cursors.computeIfAbsent(file, f -> new Cursor());
        int handed = 0;
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
            if (ch.size() < cursor.position) {
                cursor.position = 0;
                cursor.line = 0;
            }
            if (ch.size() == cursor.position) {
                return 0;
            }
            ch.position(cursor.position);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long pos = cursor.position;
            while (handed < limit && ch.read(buf.clear()) > 0) {
                buf.flip();
                while (buf.hasRemaining() && handed < limit) {
                    byte b = buf.get();
                    pos++;
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    cursor.line++;
                    cursor.position = pos;
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    if (text.isBlank()) {
                        continue;
                    }
                    handed++;
                    String origin = file.getFileName() + ":" + cursor.line;
                    Post post;
                    try {
                        post = PostLines.parse(text);
                    } catch (IllegalArgumentException e) {
                        sink.reject(origin, text, e.getMessage());
                        continue;
                    }
                    sink.post(post, origin);
                }
            }
        }
        return handed;
    }

    /** The files followed so far with the number of complete lines read from each, for the console. */
    public Map<Path, Long> linesRead() {
        Map<Path, Long> out = new HashMap<>();
        cursors.forEach((p, c) -> out.put(p, c.line));
        return out;
    }

    List<Path> knownFiles() {
        return new ArrayList<>(cursors.keySet());
    }
}
