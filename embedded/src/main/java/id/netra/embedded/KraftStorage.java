package id.netra.embedded;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import kafka.server.KafkaConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Formats the log directories of a KRaft node the way {@code kafka-storage.sh format} does. */
final class KraftStorage {

    private static final Logger log = LoggerFactory.getLogger(KraftStorage.class);

    private KraftStorage() {
    }

    /**
     * Formats the node's directories with a new random cluster id unless the metadata directory
     * already has a {@code meta.properties}; keeping it is what lets a restart find its topics.
     *
     * @return whether the directories were formatted now
     */
    static boolean formatIfUnformatted(KafkaConfig config) throws Exception {
        Path metadataDir = Path.of(config.metadataLogDir());
        if (Files.exists(metadataDir.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME))) {
            return false;
        }
        List<String> directories = new ArrayList<>(config.logDirs());
        directories.add(config.metadataLogDir());
        String clusterId = Uuid.randomUuid().toString();

        // Mirrors StorageTool.runFormatCommand, minus the command line; its output goes to our log.
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        new Formatter()
                .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                .setNodeId(config.nodeId())
                .setClusterId(clusterId)
                .setUnstableFeatureVersionsEnabled(config.unstableFeatureVersionsEnabled())
                .setControllerListenerName(config.controllerListenerNames().get(0))
                .setMetadataLogDirectory(config.metadataLogDir())
                .setDirectories(directories)
                .run();
        log.info("Formatted {} for new Kafka cluster {}.", metadataDir, clusterId);
        log.debug("Kafka storage formatter output:\n{}", output.toString(StandardCharsets.UTF_8).strip());
        return true;
    }
}
