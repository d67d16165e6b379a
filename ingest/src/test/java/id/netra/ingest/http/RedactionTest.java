package id.netra.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class RedactionTest {
    @Test
    void hidesTheValuesOfCredentialParametersAndNothingElse() {
        URI url = URI.create("https://www.googleapis.com/youtube/v3/commentThreads?part=snippet&videoId=abc&key=AIzaSECRET&pageToken=p2");

        assertThat(Redaction.url(url)).isEqualTo("https://www.googleapis.com/youtube/v3/commentThreads?part=snippet&videoId=abc&key=***&pageToken=p2");
        assertThat(Redaction.text("Cannot fetch https://a.example/x?access_token=t0k3n&q=1: refused")).isEqualTo(
                "Cannot fetch https://a.example/x?access_token=***&q=1: refused");
        assertThat(Redaction.text("https://kabar.example/berita?id=7&monkey=1")).isEqualTo("https://kabar.example/berita?id=7&monkey=1");
    }

    @Test
    void anExceptionsMessageNeverCarriesTheKey() {
        FetchException e = new FetchException(FetchException.Kind.HTTP_STATUS, URI.create("https://api.example/v3?key=AIzaSECRET"), 500,
                null, "https://api.example/v3?key=AIzaSECRET answered 500", null);

        assertThat(e.getMessage()).doesNotContain("AIzaSECRET").contains("key=***");
    }
}
