package id.netra.app;

import id.netra.model.Topic;
import id.netra.model.Topics;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Creates Netra's topics with their retention and compaction settings (used by docker-compose's topic-init). */
@Command(name = "topics", mixinStandardHelpOptions = true, description = "Manages Netra's topics.",
        subcommands = TopicsCommand.Create.class)
final class TopicsCommand extends CommandGroup {
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Creates the topics of the catalog that do not exist yet; existing ones are left as they are.")
    static final class Create implements Callable<Integer> {
        @Mixin
        KafkaOptions kafka;

        @Override
        public Integer call() throws Exception {
            try (Admin admin = Admin.create(kafka.kafka())) {
                List<String> created = Topics.createMissing(admin);
                for (Topic<?, ?> t : Topics.all()) {
                    System.out.printf("%-12s %s%n", t.name(), created.contains(t.name()) ? "created" : "exists");
                }
            }
            return 0;
        }
    }
}
