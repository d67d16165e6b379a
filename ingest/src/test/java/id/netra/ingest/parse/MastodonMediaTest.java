package id.netra.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
import id.netra.model.Media;
import java.util.List;
import org.junit.jupiter.api.Test;

class MastodonMediaTest {
    @Test
    void keepsPicturesAndVideosWithTheirDescriptionAndAVideosPreviewAsItsCover() throws Exception {
        JsonNode status = Json.mapper().readTree("""
                {"media_attachments": [
                  {"type": "image", "url": "https://warga.example/m/poster.jpg", "preview_url": "https://warga.example/m/poster-s.jpg",
                   "description": "Poster kampanye"},
                  {"type": "video", "url": "https://warga.example/m/jingle.mp4", "preview_url": "https://warga.example/m/jingle.png",
                   "description": null},
                  {"type": "audio", "url": "https://warga.example/m/a.mp3"}]}
                """);

        List<Media> media = MastodonStatuses.media(status);

        assertThat(media).extracting(Media::type).containsExactly(Media.Type.IMAGE, Media.Type.VIDEO);
        assertThat(media.get(0).alt()).isEqualTo("Poster kampanye");
        assertThat(media.get(0).cover()).isNull();
        assertThat(media.get(1).cover()).hasToString("https://warga.example/m/jingle.png");
        assertThat(media.get(1).alt()).isNull();
    }
}
