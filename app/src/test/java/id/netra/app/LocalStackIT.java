package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.netra.model.Severity;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code netra up} promises: alerts from the samples within a minute, and the same alerts after a restart. */
class LocalStackIT {
    @Test
    void showsSampleAlertsAndStillHasThemAfterARestart(@TempDir Path data) throws Exception {
        List<String> messages = new ArrayList<>();
        LocalStack.Options options = new LocalStack.Options(data, 0, 0, 0, 50, true);
        try (LocalStack stack = LocalStack.start(options, messages::add)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.alerts().feed().count(Severity.MEDIUM) >= 5);
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.ingest().postsSent() >= 50);
            await().atMost(Duration.ofSeconds(60)).until(() -> stack.ingest().health().stream()
                    .anyMatch(h -> h.id().equals("demo-news") && h.postsNew() == 3));
        }
        assertThat(messages).anyMatch(m -> m.startsWith("published the sample registry"));

        List<String> again = new ArrayList<>();
        try (LocalStack stack = LocalStack.start(options, again::add)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> stack.alerts().feed().count(Severity.MEDIUM) >= 5);
        }
        assertThat(again).noneMatch(m -> m.startsWith("published the sample"));
    }
}
