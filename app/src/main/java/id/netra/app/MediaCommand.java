package id.netra.app;

import id.netra.media.MediaApp;
import id.netra.media.MediaConfig;
import id.netra.ops.ManagementConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the media stage alone; several instances with the same group id share the posts' partitions. */
@Command(name = "media", mixinStandardHelpOptions = true,
        description = {"Runs the media stage alone: reads the text in posts' pictures with Tesseract: posts -> media-text (+ captures, posts-dlq).",
                       "Needs Tesseract with its Indonesian model (Debian: apt-get install tesseract-ocr tesseract-ocr-ind).",
                       "Keys: media.threads, media.ocr.languages, media.ocr.timeout, media.max-bytes, media.max-pixels, media.allow-private,",
                       "media.http.port (/health, /ready, /metrics; default 8083, -1 for none), management.token, kafka.* (KAFKA_*).",
                       "Stops on Ctrl-C; exits 1 when it fails for good."})
final class MediaCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        var settings = kafka.settings();
        return MediaApp.run(MediaConfig.from(settings), ManagementConfig.from(settings, "media.http", MediaApp.DEFAULT_HTTP_PORT));
    }
}
