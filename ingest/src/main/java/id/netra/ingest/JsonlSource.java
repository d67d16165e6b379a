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
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Follows a JSONL file in Netra's post format, or every {@code *.jsonl} file of a folder, like {@code tail -F}:
 * existing lines first, then lines appended and files that appear. A last line without its newline waits until it
 * is complete; a file that shrinks (truncated or replaced) is read again from its start. The position in each file
 * is committed with the posts read up to it.
 */
public final class JsonlSource implements Source {
    private static final int CHUNK = 64 * 1024;

    private final String id;
    private final Path path;
    private final Clock clock;

    public JsonlSource(String id, Path path, Clock clock) {
        this.id = id;
        this.path = path.toAbsolutePath().normalize();
        this.clock = clock;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void collect(Map<String, String> positions, Harvest out, int limit) throws IOException {
        int handed = 0;
        for (Path file : files()) {
            if (handed >= limit) {
                break;
            }
            handed += readNew(file, out, limit - handed);
        }
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

    private int readNew(Path file, Harvest out, int limit) throws IOException {
        String key = "file:" + file;
        long position = 0;
        long lineNo = 0;
        String saved = out.position(key);
        if (saved != null) {
            String[] f = saved.split(":");
            position = Long.parseLong(f[0]);
            lineNo = Long.parseLong(f[1]);
        }
        int handed = 0;
        try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.READ)) {
            if (ch.size() < position) {
                position = 0;
                lineNo = 0;
            }
            if (ch.size() == position) {
                return 0;
            }
            ch.position(position);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long pos = position;
            while (handed < limit && ch.read(buf.clear()) > 0) {
                buf.flip();
                while (buf.hasRemaining() && handed < limit) {
                    byte b = buf.get();
                    pos++;
                    if (b != '\n') {
                        line.write(b);
                        continue;
                    }
                    lineNo++;
                    position = pos;
                    String text = line.toString(StandardCharsets.UTF_8);
                    line.reset();
                    if (text.endsWith("\r")) {
                        text = text.substring(0, text.length() - 1);
                    }
                    if (text.isBlank()) {
                        continue;
                    }
                    handed++;
                    String origin = file.getFileName() + ":" + lineNo;
                    Post post;
                    try {
                        post = PostLines.parse(text);
                    } catch (IllegalArgumentException e) {
                        out.reject(origin, text, e.getMessage());
                        continue;
                    }
                    out.post(post, Evidence.ofFile(file, text, clock.instant()), origin);
                }
            }
        }
        out.position(key, position + ":" + lineNo);
        return handed;
    }
}
