package id.netra.alerts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The pages' script and stylesheet, read once from the build (the Content-Security-Policy allows no inline script). */
final class Assets {
    static final String SCRIPT_PATH = id.netra.alerts.auth.AccessControl.SCRIPT_PATH;
    static final String STYLESHEET_PATH = id.netra.alerts.auth.AccessControl.STYLESHEET_PATH;
    static final byte[] SCRIPT = read("/alerts/assets/netra.js");
    static final byte[] STYLESHEET = read("/alerts/assets/netra.css");
    static final String STYLESHEET_TEXT = new String(STYLESHEET, StandardCharsets.UTF_8);

    private Assets() {
    }

    private static byte[] read(String resource) {
        try (InputStream in = Assets.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
