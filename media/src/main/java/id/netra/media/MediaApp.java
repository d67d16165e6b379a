package id.netra.media;

import id.netra.model.Settings;
import id.netra.ops.ManagementConfig;
import id.netra.ops.ManagementServer;
import id.netra.ops.ServiceRunner;
import java.nio.file.Path;

/**
 * Runs the media stage alone: reads {@code posts}, writes {@code media-text}, {@code captures} (the pictures) and
 * {@code posts-dlq} (refused pictures). Configuration: an optional properties file (first argument), then the environment
 * ({@code KAFKA_BOOTSTRAP_SERVERS}, {@code NETRA_MEDIA_THREADS}, ...). Serves {@code /health}, {@code /ready} and
 * {@code /metrics} on {@code media.http.port} (default 8083, -1 for none). Needs Tesseract with its Indonesian model
 * (Debian: {@code tesseract-ocr}, {@code tesseract-ocr-ind}). Stops on SIGTERM / Ctrl-C; exits 1 when it fails for good.
 */
public final class MediaApp {
    /** The default port of the media stage's management endpoints. */
    public static final int DEFAULT_HTTP_PORT = 8083;

    private MediaApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Settings settings = Settings.load(args.length > 0 ? Path.of(args[0]) : null, System.getenv());
        System.exit(run(MediaConfig.from(settings), ManagementConfig.from(settings, "media.http", DEFAULT_HTTP_PORT)));
    }

    /**
     * Starts the stage and blocks until the JVM is asked to stop or the stage fails.
     *
     * @return the exit code: 0 when stopped, 1 after a failure
     */
    public static int run(MediaConfig config, ManagementConfig management) throws InterruptedException {
        MediaService service = new MediaService(config);
        ManagementServer http = management.enabled()
                ? ManagementServer.start(management.host(), management.port(), service.health(), service.metrics(), management.access())
                : null;
        service.start();
        return ServiceRunner.run("media", () -> {
            service.close();
            if (http != null) {
                http.close();
            }
        }, service.fatal());
    }
}
