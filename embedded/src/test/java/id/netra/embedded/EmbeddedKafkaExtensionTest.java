package id.netra.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import org.junit.jupiter.api.Test;

class EmbeddedKafkaExtensionTest {

    @Test
    void uniqueNamesKeepThePrefixAndDiffer() {
        EmbeddedKafkaExtension extension = new EmbeddedKafkaExtension();

        String first = extension.uniqueName("posts");
        String second = extension.uniqueName("posts");

        assertThat(first).startsWith("posts-");
        assertThat(second).startsWith("posts-").isNotEqualTo(first);
    }

    @Test
    void explainsHowToRegisterWhenUsedBeforeStart() {
        EmbeddedKafkaExtension extension = new EmbeddedKafkaExtension();

        assertThatIllegalStateException()
                .isThrownBy(extension::bootstrapServers)
                .withMessageContaining("@RegisterExtension");
    }
}
