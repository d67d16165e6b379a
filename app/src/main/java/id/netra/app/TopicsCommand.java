package id.netra.app;

import id.netra.model.Topic;
import id.netra.model.TopicLayout;
import id.netra.model.Topics;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Creates Netra's topics with their retention and compaction settings (used by docker-compose's topic-init), and
 * shows the retention the broker actually applies to each.
 */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manages Netra's topics.",
        subcommands = {TopicsCommand.Create.class, TopicsCommand.Retention.class})
final class TopicsCommand extends CommandGroup {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = {"Creates the topics of the catalog that do not exist yet. Existing ones are left as they are, except",
                           "registry-accounts when an earlier release created it compacted: it is set to keep every record.",
                           "Partitions and replication from the configuration: topics.partitions.<topic> (e.g. topics.partitions.posts=12,",
                           "NETRA_TOPICS_PARTITIONS_POSTS=12) and topics.replication-factor (NETRA_TOPICS_REPLICATION_FACTOR=3); else the",
                           "catalog's partition counts and the broker's default replication factor."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every topic exists", "1:the broker refused to create one (e.g. more replicas than brokers)",
                            "2:a bad setting"})
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() throws Exception {
            var settings = kafka.settings();
            TopicLayout layout = TopicLayout.from(settings);
            try (Admin admin = Admin.create(settings.kafka())) {
                java.io.PrintWriter out = spec.commandLine().getOut();
                List<String> created;
                try {
                    created = Topics.createMissing(admin, layout);
                } catch (IllegalStateException e) {
                    spec.commandLine().getErr().println("netra topics create: " + e.getMessage());
                    return 1;
                }
                Map<String, org.apache.kafka.clients.admin.TopicDescription> described = describe(admin);
                for (Topic<?, ?> t : Topics.all()) {
                    var d = described.get(t.name());
                    int partitions = d.partitions().size();
                    int replicas = d.partitions().getFirst().replicas().size();
                    out.printf("%-18s %-7s %3d partition(s), replication %d%n", t.name(), created.contains(t.name()) ? "created" : "exists",
                            partitions, replicas);
                    if (partitions < layout.partitions(t)) {
                        out.printf("%-18s configured %d partitions: add them with kafka-topics.sh --alter before posts flow (keys move%n"
                                + "%-18s to other partitions)%n", "", layout.partitions(t), "");
                    }
                }
                Topics.upgrade(admin).forEach(out::println);
                out.flush();
            }
            return 0;
        }
    }

    /**
     * The catalog's topics as the broker describes them. Topics just created may not be known to every broker yet: asked
     * again for up to 30 s.
     */
    static Map<String, org.apache.kafka.clients.admin.TopicDescription> describe(Admin admin) throws InterruptedException,
            java.util.concurrent.ExecutionException {
        List<String> names = Topics.all().stream().map(Topic::name).toList();
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                return admin.describeTopics(names).allTopicNames().get();
            } catch (java.util.concurrent.ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(200).toNanos());
            }
        }
    }

    @Command(name = "retention", mixinStandardHelpOptions = true,
            description = {"Shows each topic's cleanup policy and retention as the broker applies them (topic settings, else broker",
                           "defaults) and checks the rule of README.md: posts, captures, alerts, case events and the audit log kept",
                           "at least five years (retention.ms -1 or >= 157788000000, retention.bytes -1); registry, watchlist and",
                           "ingest state compacted."},
            exitCodeListHeading = "Exit codes:%n",
            exitCodeList = {"0:every topic meets the rule", "1:a topic falls short of it or does not exist"})
    static final class Retention implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            int problems = 0;
            try (Admin admin = Admin.create(kafka.kafka())) {
                Set<String> existing = admin.listTopics().names().get();
                List<ConfigResource> resources = Topics.all().stream().map(Topic::name).filter(existing::contains)
                        .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
                Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
                out.printf("%-18s %-14s %-16s %-16s %s%n", "topic", "cleanup.policy", "retention.ms", "retention.bytes", "check");
                for (Topic<?, ?> t : Topics.all()) {
                    Config c = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, t.name()));
                    if (c == null) {
                        out.printf("%-18s %-14s %-16s %-16s %s%n", t.name(), "-", "-", "-", "ABSENT: create it with netra topics create");
                        problems++;
                        continue;
                    }
                    Map<String, String> effective = new HashMap<>();
                    for (String key : List.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.RETENTION_MS_CONFIG, TopicConfig.RETENTION_BYTES_CONFIG)) {
                        ConfigEntry e = c.get(key);
                        if (e != null && e.value() != null) {
                            effective.put(key, e.value());
                        }
                    }
                    Optional<String> shortfall = Topics.retentionShortfall(t.name(), effective);
                    problems += shortfall.isPresent() ? 1 : 0;
                    out.printf("%-18s %-14s %-16s %-16s %s%n", t.name(), effective.get(TopicConfig.CLEANUP_POLICY_CONFIG),
                            readable(effective.get(TopicConfig.RETENTION_MS_CONFIG)), effective.get(TopicConfig.RETENTION_BYTES_CONFIG),
                            shortfall.map(s -> "SHORT: " + s).orElse("ok"));
                }
            }
            out.flush();
            return problems == 0 ? 0 : 1;
        }

        private static String readable(String ms) {
            if (ms == null || ms.equals("-1")) {
                return ms == null ? "-" : "-1 (unlimited)";
            }
            return ms;
        }
    }
}
