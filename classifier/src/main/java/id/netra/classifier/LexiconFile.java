package id.netra.classifier;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads a versioned lexicon data file of this build ({@code lexicon/<version>.txt}): UTF-8, {@code #} comments. */
final class LexiconFile {
    /** What to do with one line that is not blank nor a comment. */
    interface LineHandler {
        void line(String resource, int lineNumber, String line);
    }

    private LexiconFile() {
    }

    /**
     * Hands every data line of {@code lexicon/<version>.txt} to {@code handler}, with its line number.
     *
     * @param what what the file is, for the error when there is no such version ("slang lexicon")
     */
    static void read(String version, String what, LineHandler handler) {
        String resource = "/lexicon/" + version + ".txt";
        InputStream in = LexiconFile.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("no " + what + " " + version + " (" + resource + ") in this build");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank() && !line.startsWith("#")) {
                    handler.line(resource, n, line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
