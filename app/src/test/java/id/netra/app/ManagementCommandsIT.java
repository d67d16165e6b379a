package id.netra.app;

import static id.netra.app.NetraCliTest.fixture;
import static id.netra.app.NetraCliTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.AsnRecord;
import id.netra.model.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code netra registry} and {@code netra watchlist} against a real broker: what lands on the topics, and what not. */
class ManagementCommandsIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final String HEADER = "nip,name,agency,unit,position,region_code,supervisor_name,supervisor_email,accounts\n";

    private Map<String, AsnRecord> registry() {
        Map<String, AsnRecord> out = new HashMap<>();
        new Publisher(Map.of("bootstrap.servers", KAFKA.bootstrapServers())).readToEnd(Topics.REGISTRY, (k, v) -> {
            if (v == null) {
                out.remove(k);
            } else {
                out.put(k, v);
            }
        });
        return out;
    }

    @Test
    void importsARegistryWholeOrNotAtAllAndRemovesWhoLeftService(@TempDir Path dir) throws Exception {
        Topics.createMissing(KAFKA.admin());
        Path csv = Files.writeString(dir.resolve("r.csv"), HEADER
                + "198501012010011001,Rudi Hartono,A,U,P,35.77,S,s@example.go.id,x:rudi_h\n"
                + "198702022011012002,Sari Wulan,A,U,P,35.77,S,s@example.go.id,x:sari_w\n"
                + "198513012010011003,Bad Date,A,U,P,35.77,S,s@example.go.id,x:bad_d\n");
        String bootstrap = KAFKA.bootstrapServers();

        assertThat(run("registry", "import", "-b", bootstrap, csv.toString()).exitCode()).isEqualTo(1);
        assertThat(registry()).isEmpty();

        assertThat(run("registry", "import", "-b", bootstrap, "--skip-invalid", csv.toString()).exitCode()).isZero();
        assertThat(registry()).containsOnlyKeys("198501012010011001", "198702022011012002");

        assertThat(run("registry", "remove", "-b", bootstrap, "198702022011012002").exitCode()).isZero();
        assertThat(registry()).containsOnlyKeys("198501012010011001");

        assertThat(run("registry", "remove", "-b", bootstrap, "12345").exitCode()).isEqualTo(2);
    }

    @Test
    void publishesAWatchlistVersionOnceAndNeverOverwritesIt(@TempDir Path dir) throws Exception {
        Topics.createMissing(KAFKA.admin());
        String bootstrap = KAFKA.bootstrapServers();
        Path watchlist = fixture(dir, "watchlist.json");
        Publisher publisher = new Publisher(Map.of("bootstrap.servers", bootstrap));

        assertThat(run("watchlist", "publish", "-b", bootstrap, watchlist.toString()).exitCode()).isZero();
        assertThat(run("watchlist", "publish", "-b", bootstrap, watchlist.toString()).exitCode()).isZero();
        String version = publisher.publishedWatchlists().keySet().iterator().next();

        Path changed = Files.writeString(dir.resolve("changed.json"), Files.readString(watchlist).replace("\"number\": 2", "\"number\": 3"));
        NetraCliTest.Run refused = run("watchlist", "publish", "-b", bootstrap, changed.toString());

        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("already published with other content");
        assertThat(publisher.publishedWatchlists()).containsOnlyKeys(version);
        assertThat(publisher.publishedWatchlists().get(version)).isEqualTo(id.netra.model.WatchlistFiles.read(watchlist));
    }
}
