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

    private static String post(String postId, String url, String text, String publishedAt) {
        return "{\"platform\":\"x\",\"postId\":" + postId + ",\"url\":" + url + ",\"author\":{\"handle\":\"a\"},\"text\":" + text
                + ",\"publishedAt\":" + publishedAt + ",\"kind\":\"post\"}";
    }

    private static final String ID = "\"1\"";
    private static final String URL = "\"https://x.com/a/status/1\"";
    private static final String TEXT = "\"halo\"";
    private static final String TIME = "\"2024-11-12T19:05:00+07:00\"";

    @Test
    void readsTheStrictFormWithoutComplaint() {
        assertThat(PostLines.parse(post(ID, URL, TEXT, TIME)).text()).isEqualTo("halo");
    }

    @Test
    void refusesANumericPostIdNamingTheField() {
        assertThatThrownBy(() -> PostLines.parse(post("1855000000000000001", URL, TEXT, TIME)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid post: postId: Cannot coerce Integer value (1855000000000000001)");
    }

    @Test
    void refusesANumberOrABooleanAsText() {
        assertThatThrownBy(() -> PostLines.parse(post(ID, URL, "12.5", TIME))).hasMessageContaining("text: Cannot coerce Float value (12.5)");
        assertThatThrownBy(() -> PostLines.parse(post(ID, URL, "true", TIME))).hasMessageContaining("text: Cannot coerce Boolean value (true)");
    }

    @Test
    void refusesANumberForTheAuthorsHandleAndTheKind() {
        assertThatThrownBy(() -> PostLines.parse(post(ID, URL, TEXT, TIME).replace("{\"handle\":\"a\"}", "{\"handle\":7}")))
                .hasMessageContaining("author.handle: Cannot coerce Integer value (7)");
        assertThatThrownBy(() -> PostLines.parse(post(ID, URL, TEXT, TIME).replace("\"kind\":\"post\"", "\"kind\":0")))
                .hasMessageContaining("kind");
    }

    @Test
    void refusesAnEpochNumberForPublishedAt() {
        assertThatThrownBy(() -> PostLines.parse(post(ID, URL, TEXT, "1731413100")))
                .hasMessageContaining("publishedAt: a number (1731413100) is the wrong type for a time: write it as ISO-8601 text with its offset");
    }

    @Test
    void refusesAnAddressThatIsNotAnAbsoluteWebAddress() {
        assertThatThrownBy(() -> PostLines.parse(post(ID, "\"/a/status/1\"", TEXT, TIME)))
                .hasMessage("not a valid post: url must be an absolute http(s) address, not '/a/status/1'");
        assertThatThrownBy(() -> PostLines.parse(post(ID, "\"ftp://x.com/1\"", TEXT, TIME))).hasMessageContaining("url must be an absolute http(s)");
        assertThatThrownBy(() -> PostLines.parse(post(ID, "5", TEXT, TIME))).hasMessageContaining("url");
    }

    @Test
    void theTopicsSerdeIsAsStrictAsTheLineParser() {
        byte[] numeric = post("123", URL, TEXT, TIME).getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> Topics.POSTS.valueSerde().deserializer().deserialize("posts", numeric))
                .isInstanceOf(org.apache.kafka.common.errors.SerializationException.class)
                .hasMessageContaining("postId: Cannot coerce Integer value (123)");
    }
}
