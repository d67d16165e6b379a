package id.netra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedKafkaTest {

    @TempDir
    Path dataDir;

    @Test
    void refusesBusyBrokerPortNamingIt() throws IOException {
        try (ServerSocket occupant = new ServerSocket()) {
            occupant.bind(new InetSocketAddress("localhost", 0));
            int port = occupant.getLocalPort();

            assertThatIllegalStateException()
                    .isThrownBy(() -> EmbeddedKafka.start(dataDir, port))
                    .withMessageContaining("port " + port)
                    .withMessageContaining("already in use");
        }
        assertThat(dataDir).isEmptyDirectory();
    }

    @Test
    void rejectsPortOutOfRange() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> EmbeddedKafka.start(dataDir, 70_000))
                .withMessageContaining("70000");
    }
}
