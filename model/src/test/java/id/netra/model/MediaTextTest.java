package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class MediaTextTest {
    private static Post post(List<Media> media) {
        return new Post(Platform.INSTAGRAM, "C1", URI.create("https://www.instagram.com/p/C1/"), new Author("a", null), "pagi",
                OffsetDateTime.parse("2024-11-12T19:05:00+07:00"), PostKind.POST, null, null, media);
    }

    @Test
    void readsEveryImageWithAnAddressAndTheCoverOfAVideo() {
        Post p = post(List.of(new Media(Media.Type.IMAGE, URI.create("https://cdn.example/1.jpg"), null),
                new Media(Media.Type.VIDEO, URI.create("https://cdn.example/2.mp4"), "video"),
                new Media(Media.Type.IMAGE, null, "no address"),
                new Media(Media.Type.VIDEO, URI.create("https://cdn.example/4.mp4"), null, URI.create("https://cdn.example/4.jpg"))));

        assertThat(MediaText.pictures(p)).containsExactly(0, 3);
        assertThat(p.media().get(3).pictureUrl()).hasToString("https://cdn.example/4.jpg");
        assertThat(MediaText.pictures(post(List.of()))).isEmpty();
    }

    @Test
    void findsTheBoxesOfTheWordsASpanCovers() {
        MediaText.Item item = new MediaText.Item(0, "image", URI.create("https://cdn.example/1.jpg"), MediaText.Status.READ, null, "ab",
                "image/png", Instant.EPOCH, 100, 50, "COBLOS NO 2", List.of(
                        new MediaText.Word(0, 6, new MediaText.Box(1, 1, 30, 10), 90),
                        new MediaText.Word(7, 9, new MediaText.Box(35, 1, 10, 10), 88),
                        new MediaText.Word(10, 11, new MediaText.Box(50, 1, 5, 10), 95)));

        assertThat(item.boxes(7, 11)).containsExactly(new MediaText.Box(35, 1, 10, 10), new MediaText.Box(50, 1, 5, 10));
        assertThat(item.boxes(0, 3)).containsExactly(new MediaText.Box(1, 1, 30, 10));
    }

    @Test
    void writesAndReadsItselfAndAddsNothingToEarlierMediaItems() throws Exception {
        Media plain = new Media(Media.Type.IMAGE, URI.create("https://cdn.example/1.jpg"), "poster");
        assertThat(Json.mapper().writeValueAsString(plain)).isEqualTo("{\"type\":\"image\",\"url\":\"https://cdn.example/1.jpg\",\"alt\":\"poster\"}");
        MediaText m = new MediaText("instagram:C1", "instagram:C1", "h", List.of(new MediaText.Item(0, "image", plain.url(),
                MediaText.Status.REFUSED, "animated GIF refused", null, "image/gif", Instant.EPOCH, null, null, null, null)), "tesseract", Instant.EPOCH);
        assertThat(Json.mapper().readValue(Json.mapper().writeValueAsString(m), MediaText.class)).isEqualTo(m);
    }
}
