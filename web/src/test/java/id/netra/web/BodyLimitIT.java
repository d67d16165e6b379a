package id.netra.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The body limit over HTTP: with and without a length, small and large, and multipart. */
class BodyLimitIT {
    private static final int LIMIT = 1024;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger handled = new AtomicInteger();
    private Javalin app;

    @BeforeEach
    void start() {
        app = Javalin.create(cfg -> {
            cfg.showJavalinBanner = false;
            BodyLimit.install(cfg, LIMIT);
        });
        app.post("/echo", ctx -> {
            handled.incrementAndGet();
            ctx.result(ctx.body().length() + " bytes");
        });
        app.post("/form", ctx -> ctx.result("name=" + ctx.formParam("name")));
        app.get("/ignores-body", ctx -> {
            handled.incrementAndGet();
            ctx.result("ok");
        });
        app.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        app.stop();
    }

    private HttpResponse<String> send(String method, String path, HttpRequest.BodyPublisher body, String type) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).header("Content-Type", type)
                .method(method, body).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A body of {@code n} bytes sent chunked: no Content-Length. */
    private static HttpRequest.BodyPublisher chunked(int n) {
        return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("x".repeat(n).getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWithoutCallingTheHandler() throws Exception {
        HttpResponse<String> r = send("POST", "/echo", chunked(10 * LIMIT), "application/json");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(r.body()).contains("larger than " + LIMIT + " bytes");
        assertThat(handled).hasValue(0);
    }

    @Test
    void refusesADeclaredLengthOverTheLimit() throws Exception {
        HttpResponse<String> r = send("POST", "/echo", HttpRequest.BodyPublishers.ofString("y".repeat(LIMIT + 1)), "application/json");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(handled).hasValue(0);
    }

    @Test
    void refusesAnOversizeChunkedBodyEvenWhereTheRouteNeverReadsIt() throws Exception {
        HttpResponse<String> r = send("GET", "/ignores-body", chunked(10 * LIMIT), "text/plain");

        assertThat(r.statusCode()).isEqualTo(413);
        assertThat(handled).hasValue(0);
    }

    @Test
    void passesABodyWithinTheLimitWithOrWithoutALength() throws Exception {
        assertThat(send("POST", "/echo", chunked(LIMIT), "application/json").body()).isEqualTo(LIMIT + " bytes");
        assertThat(send("POST", "/echo", HttpRequest.BodyPublishers.ofString("z".repeat(LIMIT)), "application/json").body())
                .isEqualTo(LIMIT + " bytes");
        HttpResponse<String> form = send("POST", "/form", HttpRequest.BodyPublishers.ofInputStream(
                () -> new ByteArrayInputStream("name=budi".getBytes(StandardCharsets.US_ASCII))), "application/x-www-form-urlencoded");
        assertThat(form.body()).isEqualTo("name=budi");
    }

    @Test
    void refusesMultipartBodies() throws Exception {
        HttpResponse<String> r = send("POST", "/form", HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nbudi\r\n--b--\r\n"),
                "multipart/form-data; boundary=b");

        assertThat(r.statusCode()).isEqualTo(415);
        assertThat(r.body()).doesNotContain("budi");
    }
}
