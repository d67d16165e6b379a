package id.netra.app;

import id.netra.model.Settings;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command that talks to a broker shares: a config file and the bootstrap servers. */
final class KafkaOptions {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "A properties file (keys documented in README.md); environment variables override it.")
    Path config;

    @Option(names = {"-b", "--bootstrap-servers"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: kafka.bootstrap.servers / KAFKA_BOOTSTRAP_SERVERS, else localhost:9092).")
    String bootstrapServers;

    /** The settings: the file, then the environment, then the command-line options. */
    Settings settings() {
        Settings s = Settings.load(config, System.getenv());
        if (bootstrapServers != null) {
            s = s.with(Settings.BOOTSTRAP_SERVERS, bootstrapServers);
        } else if (s.string(Settings.BOOTSTRAP_SERVERS, null) == null) {
            s = s.with(Settings.BOOTSTRAP_SERVERS, "localhost:9092");
        }
        return s;
    }

    Map<String, Object> kafka() {
        return settings().kafka();
    }
}
