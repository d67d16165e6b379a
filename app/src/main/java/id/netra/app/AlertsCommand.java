package id.netra.app;

import id.netra.alerts.AlertsApp;
import id.netra.alerts.AlertsConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs the alerts service alone. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Runs the alerts service alone: reads the alerts topic and serves the feed.",
                       "Keys: http.port (NETRA_HTTP_PORT, default 8080), http.host, alerts.topic, alerts.users (the users file;",
                       "without one nobody can log in), alerts.cookie-secure, alerts.session-idle, alerts.login-max-failures,",
                       "alerts.login-window, alerts.audit-topic, alerts.instance-id (this instance's name when several run on the",
                       "same topics; default host and pid), alerts.sessions-topic, kafka.* (KAFKA_*). Stops on Ctrl-C."})
final class AlertsCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = {"-p", "--port"}, description = "HTTP port of the feed (http.port).")
    Integer port;

    @Option(names = "--instance-id", paramLabel = "NAME",
            description = "This instance's name among several alerts services on the same topics (alerts.instance-id).")
    String instanceId;

    @Option(names = {"-u", "--users"}, paramLabel = "FILE", description = "The users file (alerts.users); see 'netra users'.")
    java.nio.file.Path users;

    @Override
    public Integer call() throws Exception {
        var settings = kafka.settings();
        if (port != null) {
            settings = settings.with("http.port", port.toString());
        }
        if (users != null) {
            settings = settings.with("alerts.users", users.toString());
        }
        if (instanceId != null) {
            settings = settings.with("alerts.instance-id", instanceId);
        }
        return AlertsApp.run(AlertsConfig.from(settings));
    }
}
