package id.netra.embedded;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/** Server properties of the single combined broker+controller node behind {@link EmbeddedKafka}. */
final class BrokerConfig {

    static final int NODE_ID = 1;
    static final String HOST = "localhost";
    static final String BROKER_LISTENER = "PLAINTEXT";
    static final String CONTROLLER_LISTENER = "CONTROLLER";

    private BrokerConfig() {
    }

    /**
     * Builds the properties; {@code dataDir} holds both the partition logs and the KRaft metadata log.
     * The controller port may change between restarts: with a static voter set (kraft.version 0)
     * its address lives only in this config, never in the metadata log.
     */
    static Map<String, String> of(Path dataDir, int brokerPort, int controllerPort) {
        Map<String, String> props = new TreeMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + HOST + ":" + controllerPort);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort
                + "," + CONTROLLER_LISTENER + "://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", BROKER_LISTENER + "://" + HOST + ":" + brokerPort);
        props.put("listener.security.protocol.map",
                BROKER_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", BROKER_LISTENER);
        props.put("log.dirs", dataDir.toString());
        props.put("metadata.log.dir", dataDir.toString());

        // One broker: every internal topic must fit on it, or exactly-once and consumer groups hang.
        props.put("default.replication.factor", "1");
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // The default 50 partitions per internal topic cost seconds of file creation on first use.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.num.partitions", "5");

        props.put("num.partitions", "3");
        props.put("auto.create.topics.enable", "false");
        // No other members are coming; waiting for them only slows every test and restart.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("group.streams.initial.rebalance.delay.ms", "0");
        // The default 128 MiB offset map is allocated up front; 2 MiB is plenty for our compacted topics.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(2 * 1024 * 1024));
        // A transaction left open by a killed producer (a classifier instance lost mid-commit) blocks read_committed
        // readers of its partitions until it is aborted: look for timed-out ones every second, not every 10 s.
        props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // Fail instead of hanging forever if the broker never gets unfenced.
        props.put("server.max.startup.time.ms", Long.toString(120_000));
        return props;
    }
}
