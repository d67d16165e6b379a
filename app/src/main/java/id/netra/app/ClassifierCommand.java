package id.netra.app;

import id.netra.classifier.ClassifierConfig;
import id.netra.classifier.ClassifierApp;
import id.netra.ops.ManagementConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the classifier alone; several instances with the same application id share the posts' partitions. */
@Command(name = "classifier", mixinStandardHelpOptions = true,
        description = {"Runs the Kafka Streams classifier alone: posts + registry + watchlist -> alerts.",
                       "Instances with the same application.id share the work by partitions of posts.",
                       "Keys: application.id, classifier.state-dir (NETRA_CLASSIFIER_STATE_DIR), classifier.http.port (/health, /ready,",
                       "/metrics; default 8082, -1 for none), management.token, kafka.* (KAFKA_*). Stops on Ctrl-C; exits 1 when",
                       "Kafka Streams fails."})
final class ClassifierCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        var settings = kafka.settings();
        return ClassifierApp.run(ClassifierConfig.from(settings),
                ManagementConfig.from(settings, "classifier.http", ClassifierApp.DEFAULT_HTTP_PORT));
    }
}
