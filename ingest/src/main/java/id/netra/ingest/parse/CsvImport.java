package id.netra.ingest.parse;

import id.netra.model.Author;
import id.netra.model.Media;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.PostTarget;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * CSV exports of other collectors, with a column mapping (post field -> CSV header) and constants for fields the file
 * does not have ({@code defaults}: post field -> value, also used where a mapped cell is empty). Besides the post's own
 * fields, a mapping may name its {@code kind} and {@code target.*} (what a comment, reply, share, reaction or join
 * answers), and one picture or video per row ({@code media.*}), so comment and reaction exports of any platform map
 * without code. A reaction or join without an id of its own gets one from its target, kind and author
 * ({@code <target>_like_<handle>}, as FORMATS.md's example), and the target's address when it has none. Comma or
 * semicolon separated (from the header line), quoted fields may span lines. A bad row is rejected with its line; the
 * rest is read.
 */
public final class CsvImport {
    /** The post fields a mapping may name. */
    public static final Set<String> FIELDS = Set.of("platform", "postId", "url", "author.handle", "author.displayName", "text",
            "publishedAt", "kind", "target.platform", "target.postId", "target.url", "target.author.handle",
            "target.author.displayName", "media.type", "media.url", "media.alt");
    private static final Set<String> REQUIRED = Set.of("author.handle", "publishedAt");

    private final Map<String, String> mapping;
    private final Map<String, String> defaults;
    private final Platform defaultPlatform;
    private final ZoneId zone;
    private final DateTimeFormatter format;
    private final String pattern;

    /** A mapping without constants. */
    public CsvImport(Map<String, String> mapping, Platform defaultPlatform, ZoneId zone, String dateTimePattern) {
        this(mapping, Map.of(), defaultPlatform, zone, dateTimePattern);
    }

    /**
     * @param mapping         post field -> CSV header
     * @param defaults        post field -> the value of every row where no column or an empty cell gives one
     * @param dateTimePattern a {@link DateTimeFormatter} pattern for times without offset (read in {@code zone}), or
     *                        {@code null} for ISO-8601
     * @throws IllegalArgumentException for an unknown field, a required field without column or constant, or a bad
     *                                  pattern or constant
     */
    public CsvImport(Map<String, String> mapping, Map<String, String> defaults, Platform defaultPlatform, ZoneId zone, String dateTimePattern) {
        for (String f : mapping.keySet()) {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("column mapping: unknown post field '" + f + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        for (String f : defaults.keySet()) {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("defaults: unknown post field '" + f + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        for (String f : REQUIRED) {
            if (!mapping.containsKey(f) && !defaults.containsKey(f)) {
                throw new IllegalArgumentException("column mapping: post field '" + f + "' needs a column");
            }
        }
        if (!provided(mapping, defaults, "postId") && !provided(mapping, defaults, "kind")) {
            throw new IllegalArgumentException("column mapping: post field 'postId' needs a column (only a reaction or join, with a kind, can do without)");
        }
        if (!provided(mapping, defaults, "url") && !provided(mapping, defaults, "target.url")) {
            throw new IllegalArgumentException("column mapping: post field 'url' needs a column (or target.url, for interactions)");
        }
        if (!provided(mapping, defaults, "text") && !provided(mapping, defaults, "kind")) {
            throw new IllegalArgumentException("column mapping: post field 'text' needs a column");
        }
        if (defaults.containsKey("kind")) {
            PostKind.of(defaults.get("kind"));
        }
        if (defaults.containsKey("media.type")) {
            Media.Type.of(defaults.get("media.type"));
        }
        this.mapping = Map.copyOf(mapping);
        this.defaults = Map.copyOf(defaults);
        this.defaultPlatform = defaultPlatform;
        this.zone = zone;
        this.pattern = dateTimePattern;
        this.format = dateTimePattern == null ? null : DateTimeFormatter.ofPattern(dateTimePattern);
    }

    private static boolean provided(Map<String, String> mapping, Map<String, String> defaults, String field) {
        return mapping.containsKey(field) || defaults.containsKey(field);
    }

    /** @throws IllegalArgumentException when the header lacks a mapped column */
    public ParseResult parse(Reader reader, String fileName) throws IOException {
        java.io.StringWriter all = new java.io.StringWriter();
        reader.transferTo(all);
        String content = all.toString();
        if (!content.isEmpty() && content.charAt(0) == '\uFEFF') {
            content = content.substring(1);
        }
        String header = content.lines().findFirst().orElse("");
        char delimiter = header.chars().filter(c -> c == ';').count() > header.chars().filter(c -> c == ',').count() ? ';' : ',';
        CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true).setTrim(true).get();
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new java.io.StringReader(content)).setFormat(csv).get()) {
            List<String> columns = parser.getHeaderNames();
            for (Map.Entry<String, String> m : mapping.entrySet()) {
                if (!columns.contains(m.getValue())) {
                    throw new IllegalArgumentException(fileName + ": no column '" + m.getValue() + "' (for " + m.getKey() + ") in the header " + columns);
                }
            }
            long line = parser.getCurrentLineNumber() + 1;
            for (java.util.Iterator<CSVRecord> it = parser.iterator(); ; ) {
                CSVRecord row;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    row = it.next();
                } catch (java.io.UncheckedIOException e) {
                    rejected.add(new ParseResult.Rejected(fileName + ":" + line, "", "unreadable CSV from here on: " + e.getCause().getMessage()));
                    break;
                }
                String where = fileName + ":" + line;
                line = parser.getCurrentLineNumber() + 1;
                try {
                    if (!row.isConsistent()) {
                        throw new IllegalArgumentException("has " + row.size() + " columns, the header " + columns.size());
                    }
                    posts.add(post(row));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                    rejected.add(new ParseResult.Rejected(where, String.join(String.valueOf(delimiter), row.values()), e.getMessage()));
                }
            }
        }
        return new ParseResult(posts, rejected, null);
    }

    private Post post(CSVRecord row) {
        String platformId = get(row, "platform");
        Platform platform = platformId == null ? defaultPlatform : Platform.of(platformId);
        String kindId = get(row, "kind");
        PostKind kind = kindId == null ? PostKind.POST : PostKind.of(kindId);
        String handle = get(row, "author.handle");
        if (handle == null) {
            throw new IllegalArgumentException("author.handle is empty");
        }
        PostTarget target = target(row, platform);
        String text = get(row, "text");
        if (text == null && kind != PostKind.JOIN) {
            throw new IllegalArgumentException(kind == PostKind.REACTION ? "text is empty: a reaction's text is its name (like, love, ...)"
                    : "text is empty");
        }
        String url = get(row, "url");
        if (url == null && target != null && target.url() != null && (kind == PostKind.REACTION || kind == PostKind.JOIN)) {
            url = target.url().toString();
        }
        if (url == null) {
            throw new IllegalArgumentException("url is empty");
        }
        String postId = get(row, "postId");
        if (postId == null) {
            postId = derivedId(kind, target, text, handle);
        }
        return new Post(platform, postId, URI.create(url), new Author(handle, get(row, "author.displayName")), text == null ? "" : text,
                time(get(row, "publishedAt")), kind, null, target, media(row));
    }

    /** What the row's interaction answers, reacts to or joins; {@code null} when the row names no target. */
    private PostTarget target(CSVRecord row, Platform platform) {
        String postId = get(row, "target.postId");
        String url = get(row, "target.url");
        String handle = get(row, "target.author.handle");
        if (postId == null && url == null && handle == null) {
            return null;
        }
        String targetPlatform = get(row, "target.platform");
        Author owner = handle == null ? null : new Author(handle, get(row, "target.author.displayName"));
        return new PostTarget(targetPlatform == null ? platform : Platform.of(targetPlatform), postId, url == null ? null : URI.create(url), owner);
    }

    /** A reaction's or join's id, from what it reacts to or joins, the reaction, and who: {@code C9xQ1a2b3c4_like_budi_s}. */
    private static String derivedId(PostKind kind, PostTarget target, String text, String handle) {
        if ((kind != PostKind.REACTION && kind != PostKind.JOIN) || target == null) {
            throw new IllegalArgumentException("postId is empty (only a reaction or join with a target gets one of its own)");
        }
        String what = target.postId() != null ? target.postId()
                : target.author() != null ? target.author().handle()
                : Integer.toHexString(target.url().toString().hashCode());
        String how = kind == PostKind.REACTION ? text.strip().toLowerCase(java.util.Locale.ROOT) : "join";
        return what + "_" + how + "_" + handle.replaceFirst("^@", "");
    }

    /** The row's picture or video, if it names one. */
    private List<Media> media(CSVRecord row) {
        String url = get(row, "media.url");
        String alt = get(row, "media.alt");
        if (url == null && alt == null) {
            return List.of();
        }
        String type = get(row, "media.type");
        if (type == null) {
            throw new IllegalArgumentException("media.type is empty (image or video) for the row's media");
        }
        return List.of(new Media(Media.Type.of(type), url == null ? null : URI.create(url), alt));
    }

    private OffsetDateTime time(String text) {
        if (text == null) {
            throw new IllegalArgumentException("publishedAt is empty");
        }
        if (format == null) {
            OffsetDateTime t = Dates.parse(text);
            if (t != null) {
                return t;
            }
            try {
                return LocalDateTime.parse(text).atZone(zone).toOffsetDateTime();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("publishedAt '" + text + "' is not an ISO-8601 time");
            }
        }
        try {
            return LocalDateTime.parse(text, format).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("publishedAt '" + text + "' does not fit the pattern " + pattern);
        }
    }

    /** The field's cell, or its constant where the cell is empty or there is no column; {@code null} when neither. */
    private String get(CSVRecord row, String field) {
        String column = mapping.get(field);
        String v = column == null || !row.isSet(column) ? null : row.get(column);
        return v == null || v.isBlank() ? defaults.get(field) : v;
    }
}
