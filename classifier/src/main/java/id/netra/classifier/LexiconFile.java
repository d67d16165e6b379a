package id.netra.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads a versioned lexicon data file of this build ({@code lexicon/<version>.txt}): UTF-8, {@code #} comments. A line
 * {@code include<TAB><path>} reads another file of {@code lexicon/} in its place (the regional-language files); there,
 * lines starting with {@code slang<TAB>} belong to the slang list and the others to the cue list, so one file per
 * language holds both.
 */
final class LexiconFile {
    /** What to do with one line that is not blank nor a comment. */
    interface LineHandler {
        void line(String resource, int lineNumber, String line);
    }

    /** Which lines of an included file a reader wants. */
    enum Part { CUES, SLANG }

    private static final String SLANG_PREFIX = "slang\t";

    private LexiconFile() {
    }

    /**
     * Hands every data line of {@code lexicon/<version>.txt} to {@code handler}, with its line number.
     *
     * @param what what the file is, for the error when there is no such version ("slang lexicon")
     */
    static void read(String version, String what, LineHandler handler) {
        read(version, what, what.contains("slang") ? Part.SLANG : Part.CUES, handler);
    }

    static void read(String version, String what, Part part, LineHandler handler) {
        String resource = "/lexicon/" + version + ".txt";
        InputStream in = LexiconFile.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no " + what + " " + version + " (" + resource + ") in this build");
        }
        readLines(resource, in, line -> false, (res, n, line) -> {
            if (line.startsWith("include\t")) {
                include(res, n, line.substring("include\t".length()).strip(), part, handler);
            } else {
                handler.line(res, n, line);
            }
        });
    }

    private static void include(String from, int lineNumber, String path, Part part, LineHandler handler) {
        String resource = "/lexicon/" + path;
        InputStream in = LexiconFile.class.getResourceAsStream(resource);
        if (in == null || path.contains("..")) {
            throw new IllegalStateException(from + ":" + lineNumber + ": included file " + resource + " is not in this build");
        }
        readLines(resource, in, line -> line.startsWith(SLANG_PREFIX) != (part == Part.SLANG), (res, n, line) ->
                handler.line(res, n, part == Part.SLANG ? line.substring(SLANG_PREFIX.length()) : line));
    }

    private static void readLines(String resource, InputStream in, java.util.function.Predicate<String> skip, LineHandler handler) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank() && !line.startsWith("#") && !skip.test(line)) {
                    handler.line(resource, n, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
