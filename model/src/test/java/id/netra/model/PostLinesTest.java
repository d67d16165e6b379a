package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostLinesTest {
    @Test
    void parsesTheExampleOfTheFormatsDocument() {
        Post post = PostLines.parse("{\"platform\":\"x\",\"postId\":\"1855000000000000001\",\"url\":\"https://x.com/budi_s/status/1855000000000000001\","
                + "\"author\":{\"handle\":\"Budi_S\",\"displayName\":\"Budi Santoso\"},\"text\":\"Ayo coblos nomor 2! #MetroMaju\","
                + "\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"post\"}");

        assertThat(post.key()).isEqualTo("x:1855000000000000001");
        assertThat(post.author().handle()).isEqualTo("Budi_S");
        assertThat(post.kind()).isEqualTo(PostKind.POST);
    }

    @Test
    void rejectsAnUnknownPlatformWithTheReason() {
        assertThatThrownBy(() -> PostLines.parse("{\"platform\":\"myspace\",\"postId\":\"1\",\"url\":\"https://a\",\"author\":{\"handle\":\"a\"},"
                + "\"text\":\"t\",\"publishedAt\":\"2024-11-12T19:05:00+07:00\",\"kind\":\"post\"}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown platform 'myspace'");
    }

    @Test
    void rejectsBrokenJson() {
        assertThatThrownBy(() -> PostLines.parse("{\"platform\":\"x\",")).hasMessageStartingWith("not a valid post");
    }

    @Test
    void rejectsADateWithoutOffset() {
        assertThatThrownBy(() -> PostLines.parse("{\"platform\":\"x\",\"postId\":\"1\",\"url\":\"https://a\",\"author\":{\"handle\":\"a\"},"
                + "\"text\":\"t\",\"publishedAt\":\"12 Nov 2024\",\"kind\":\"post\"}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsABlankLine() {
        assertThatThrownBy(() -> PostLines.parse("   ")).hasMessage("empty line");
    }
}
