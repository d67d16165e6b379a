package id.netra.ingest.parse;

import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
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
 * CSV exports of other collectors, with a column mapping (post field -> CSV header). Comma or semicolon separated
 * (from the header line), quoted fields may span lines. A bad row is rejected with its line; the rest is read.
 */
public final class CsvImport {
    /** The post fields a mapping may name. */
    public static final Set<String> FIELDS = Set.of("platform", "postId", "url", "author.handle", "author.displayName", "text",
            "publishedAt", "kind");
    private static final Set<String> REQUIRED = Set.of("postId", "url", "author.handle", "text", "publishedAt");

    private final Map<String, String> mapping;
    private final Platform defaultPlatform;
    private final ZoneId zone;
    private final DateTimeFormatter format;
    private final String pattern;

    /**
     * @param mapping         post field -> CSV header
     * @param dateTimePattern a {@link DateTimeFormatter} pattern for times without offset (read in {@code zone}), or
     *                        {@code null} for ISO-8601
     * @throws IllegalArgumentException for an unknown field, a required field without column, or a bad pattern
     */
    public CsvImport(Map<String, String> mapping, Platform defaultPlatform, ZoneId zone, String dateTimePattern) {
        for (String f : mapping.keySet()) {
            if (!FIELDS.contains(f)) {
                throw new IllegalArgumentException("column mapping: unknown post field '" + f + "' (known: " + new java.util.TreeSet<>(FIELDS) + ")");
            }
        }
        for (String f : REQUIRED) {
            if (!mapping.containsKey(f)) {
                throw new IllegalArgumentException("column mapping: post field '" + f + "' needs a column");
            }
        }
        this.mapping = Map.copyOf(mapping);
        this.defaultPlatform = defaultPlatform;
        this.zone = zone;
        this.pattern = dateTimePattern;
        this.format = dateTimePattern == null ? null : DateTimeFormatter.ofPattern(dateTimePattern);
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
        String platform = get(row, "platform");
        String name = get(row, "author.displayName");
        String kind = get(row, "kind");
        String url = get(row, "url");
        if (url == null) {
            throw new IllegalArgumentException("url is empty");
        }
        if (get(row, "text") == null) {
            throw new IllegalArgumentException("text is empty");
        }
        return new Post(platform == null ? defaultPlatform : Platform.of(platform), get(row, "postId"), URI.create(url),
                new Author(get(row, "author.handle"), name), get(row, "text"), time(get(row, "publishedAt")),
                kind == null ? PostKind.POST : PostKind.of(kind));
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

    private String get(CSVRecord row, String field) {
        String column = mapping.get(field);
        if (column == null || !row.isSet(column)) {
            return null;
        }
        String v = row.get(column);
        return v == null || v.isBlank() ? null : v;
    }
}
