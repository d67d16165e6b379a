package id.netra.ingest.parse;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The HTML profiles bundled under {@code ingest/profiles/} and profiles of an operator's own in YAML files. */
public final class HtmlProfiles {
    /** The bundled profiles, by name. */
    public static final List<String> BUNDLED = List.of("news-article", "profile-posts");

    private static final ObjectMapper YAML = JsonMapper.builder(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private HtmlProfiles() {
    }

    /** @throws IllegalArgumentException naming the bundled profiles when there is none of that name */
    public static HtmlProfile load(String name) {
        try (InputStream in = HtmlProfiles.class.getResourceAsStream("/ingest/profiles/" + name + ".yml")) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled HTML profile '" + name + "' (bundled: " + String.join(", ", BUNDLED) + ")");
            }
            return read(in.readAllBytes(), "bundled profile " + name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static HtmlProfile fromYaml(Path file) throws IOException {
        return read(Files.readAllBytes(file), file.toString());
    }

    /** The bundled profile whose {@code hosts} match the address's host, or {@code null}. */
    public static HtmlProfile forUrl(URI url) {
        if (url.getHost() == null) {
            return null;
        }
        for (String name : BUNDLED) {
            HtmlProfile p = load(name);
            if (p.claims(url)) {
                return p;
            }
        }
        return null;
    }

    private static HtmlProfile read(byte[] yaml, String where) {
        try {
            return YAML.readValue(yaml, HtmlProfile.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException(where + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
