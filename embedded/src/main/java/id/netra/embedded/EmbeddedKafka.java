package id.netra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka cluster in this JVM: one KRaft node that is both broker and controller,
 * listening on localhost. Used by {@code netra up}, whose data persists between runs, and by
 * {@code *IT} tests through {@link EmbeddedKafkaExtension}.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafka.class);

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final String bootstrapServers;
    private boolean closed;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, String bootstrapServers) {
        this.server = server;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDir} if it has no {@code meta.properties} yet (an existing one keeps its
     * cluster id, topics and records) and starts a combined broker+controller on it. Returns once
     * the broker accepts requests.
     *
     * @param dataDir    directory for partition logs and the metadata log; created if missing
     * @param brokerPort client port on localhost; 0 picks a free one
     * @throws IllegalStateException if {@code brokerPort} is in use or the broker fails to start
     */
    public static EmbeddedKafka start(Path dataDir, int brokerPort) {
        Objects.requireNonNull(dataDir, "dataDir");
        if (brokerPort < 0 || brokerPort > 65_535) {
            throw new IllegalArgumentException("brokerPort must be between 0 and 65535, was " + brokerPort);
        }
        long startNanos = System.nanoTime();
        int port = brokerPort;
        if (port == 0) {
            port = Ports.freePort();
        } else {
            Ports.requireFree(port);
        }
        int controllerPort = Ports.freePort();
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the Kafka data directory " + dir + ".", e);
        }

        KafkaConfig config = new KafkaConfig(BrokerConfig.of(dir, port, controllerPort), false);
        KafkaRaftServer server;
        try {
            KraftStorage.formatIfUnformatted(config);
            server = new KafkaRaftServer(config, Time.SYSTEM);
        } catch (Exception e) {
            throw new IllegalStateException("Could not prepare Kafka storage in " + dir + ": " + e.getMessage(), e);
        }
        try {
            server.startup();
        } catch (RuntimeException e) {
            stopQuietly(server);
            throw new IllegalStateException("Kafka broker on " + BrokerConfig.HOST + ":" + port + " with data in "
                    + dir + " failed to start: " + e.getMessage(), e);
        }
        String bootstrap = BrokerConfig.HOST + ":" + port;
        log.info("Kafka broker started on {} with data in {} in {} ms.", bootstrap, dir,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
        return new EmbeddedKafka(server, dir, bootstrap);
    }

    /** The client address, {@code localhost:<port>}. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** The absolute directory holding this cluster's data. */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * Shuts the node down cleanly (controlled shutdown, logs flushed, so a restart skips recovery)
     * and waits until it has stopped. Calling it again does nothing.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        server.shutdown();
        server.awaitShutdown();
        log.info("Kafka broker on {} stopped in {} ms.", bootstrapServers,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private static void stopQuietly(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            log.warn("Kafka broker did not shut down cleanly after a failed start.", e);
        }
    }
}
