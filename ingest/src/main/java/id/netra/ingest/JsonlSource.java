package id.netra.ingest;

import id.netra.model.DeadLetter;
import id.netra.model.Post;
import id.netra.model.PostLines;
import id.netra.model.Sha256;
import id.netra.model.Topics;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Arrays;
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
    /**
     * The longest line read as a post: twice the largest post, since escapes in the file may shrink it; a longer line
     * goes to the dead-letter topic as its head, its size and its SHA-256.
     */
    static final int MAX_LINE_BYTES = 2 * Topics.MAX_POST_BYTES;

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
            Line line = new Line();
            java.net.URI uri = file.toAbsolutePath().toUri();
            String name = file.getFileName().toString();
            ByteBuffer buf = ByteBuffer.allocate(CHUNK);
            long pos = position;
            while (handed < limit && ch.read(buf.clear()) > 0) {
                buf.flip();
                byte[] chunk = buf.array();
                int i = 0;
                int n = buf.limit();
                while (i < n && handed < limit) {
                    int nl = indexOf(chunk, i, n);
                    if (nl < 0) {
                        line.append(chunk, i, n - i);
                        pos += n - i;
                        break;
                    }
                    line.append(chunk, i, nl - i);
                    pos += nl - i + 1;
                    i = nl + 1;
                    lineNo++;
                    position = pos;
                    if (line.isBlank()) {
                        line.reset();
                        continue;
                    }
                    handed++;
                    hand(uri, name + ":" + lineNo, line, out);
                    line.reset();
                }
            }
        }
        out.position(key, position + ":" + lineNo);
        return handed;
    }

    private void hand(java.net.URI file, String origin, Line line, Harvest out) {
        if (line.overlong()) {
            out.rejectHead(origin, line.head(), line.size(), line.sha256(), String.format(
                    "line too large: %,d bytes, more than a line read as a post may have (%,d bytes)", line.size(), MAX_LINE_BYTES));
            return;
        }
        byte[] bytes = line.bytes();
        Post post;
        try {
            post = PostLines.parse(bytes);
        } catch (IllegalArgumentException e) {
            out.reject(origin, bytes, e.getMessage());
            return;
        }
        out.post(post, Evidence.ofLine(file, bytes, clock.instant()), origin);
    }

    private static int indexOf(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The bytes of the line being read, up to {@link #MAX_LINE_BYTES}; of a longer line only the head is kept and the
     * rest is hashed as it passes, so one huge line (a binary file dropped by mistake) costs no more memory than a post.
     */
    private static final class Line {
        private byte[] buf = new byte[1024];
        private int length;
        private MessageDigest digest;
        private long size;

        void append(byte[] b, int off, int len) {
            size += len;
            if (digest == null && length + len <= MAX_LINE_BYTES) {
                keep(b, off, len);
                return;
            }
            if (digest == null) {
                digest = Sha256.digest();
                digest.update(buf, 0, length);
                length = Math.min(length, DeadLetter.HEAD_BYTES);
            }
            digest.update(b, off, len);
            keep(b, off, Math.min(len, DeadLetter.HEAD_BYTES - length));
        }

        private void keep(byte[] b, int off, int len) {
            if (len <= 0) {
                return;
            }
            if (length + len > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, length + len));
            }
            System.arraycopy(b, off, buf, length, len);
            length += len;
        }

        boolean overlong() {
            return digest != null;
        }

        /** Empty or only ASCII white space (a line of other white space is no post either, and is rejected as such). */
        boolean isBlank() {
            if (overlong()) {
                return false;
            }
            for (int i = 0; i < length; i++) {
                byte x = buf[i];
                if (x != ' ' && x != '\t' && x != '\r' && x != '\f' && x != 0x0B) {
                    return false;
                }
            }
            return true;
        }

        byte[] head() {
            return Arrays.copyOf(buf, length);
        }

        /** The line's bytes, without a carriage return at its end. */
        byte[] bytes() {
            return Arrays.copyOf(buf, length > 0 && buf[length - 1] == '\r' ? length - 1 : length);
        }

        long size() {
            return size;
        }

        String sha256() {
            return Sha256.hex(digest);
        }

        void reset() {
            length = 0;
            digest = null;
            size = 0;
        }
    }
}
