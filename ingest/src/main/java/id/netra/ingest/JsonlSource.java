package id.netra.ingest;

import id.netra.model.Post;
import id.netra.model.PostLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Follows a JSONL file, or every {@code *.jsonl} file of a folder, like {@code tail -F}: existing lines first,
 * then lines appended while running and files that appear. A last line without its newline is left until it is
 * complete. A file that shrinks (truncated or replaced) is read again from its start.
 *
 * <p>Without a cursor file, positions are kept for the life of this object only and a restart reads the files
 * again from the start. With one, positions are saved at each {@link #checkpoint()} (after Kafka acknowledged what
 * was read) and restored at the next start: at least once, since lines read after the last checkpoint are read
 * again. Re-sent posts carry the same keys ({@code platform:postId}) and yield the same alert ids downstream.
 */
public final class JsonlSource implements Source {
    private static final int CHUNK = 64 * 1024;

    private final Path path;
    private final Path cursorFile;
    private final Map<Path, Cursor> cursors = new HashMap<>();

    private static final class Cursor {
        long position;
        long line;
    }

    public JsonlSource(Path path) {
        this(path, null);
    }

    /**
     * @param cursorFile where positions are saved and restored from, or {@code null} to keep them in memory only
     * @throws UncheckedIOException when the cursor file exists but cannot be read
     */
    public JsonlSource(Path path, Path cursorFile) {
        this.path = path.toAbsolutePath().normalize();
        this.cursorFile = cursorFile;
        if (cursorFile != null && Files.exists(cursorFile)) {
            try {
                for (String row : Files.readAllLines(cursorFile, StandardCharsets.UTF_8)) {
                    String[] f = row.split("\t");
                    if (f.length == 3) {
                        Cursor c = new Cursor();
                        c.position = Long.parseLong(f[1]);
                        c.line = Long.parseLong(f[2]);
                        cursors.put(Path.of(f[0]), c);
                    }
                }
            } catch (IOException | NumberFormatException e) {
                throw new UncheckedIOException(new IOException("Cannot read the cursor file " + cursorFile + ": " + e.getMessage(), e));
            }
        }
    }

    @Override
    public void checkpoint() throws IOException {
        if (cursorFile == null) {
            return;
        }
        StringBuilder rows = new StringBuilder();
        cursors.forEach((p, c) -> rows.append(p).append('\t').append(c.position).append('\t').append(c.line).append('\n'));
        Path tmp = cursorFile.resolveSibling(cursorFile.getFileName() + ".tmp");
        Files.writeString(tmp, rows, StandardCharsets.UTF_8);
        Files.move(tmp, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
}
