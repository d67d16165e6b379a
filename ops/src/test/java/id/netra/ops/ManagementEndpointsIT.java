package id.netra.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The management endpoints on a real HTTP server on the loopback interface. */
class ManagementEndpointsIT {
    private static final String TOKEN = "s3cret-s3cret-s3cret";
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void healthAndReadinessAnswerTheStateOfEachComponentWithoutDetails() throws Exception {
        AtomicBoolean consumer = new AtomicBoolean(true);
        AtomicBoolean caughtUp = new AtomicBoolean(false);
        Health health = new Health().liveness("alerts-consumer", consumer::get).readiness("caught-up", caughtUp::get);
        try (Metrics metrics = new Metrics("test");
             ManagementServer server = ManagementServer.start("127.0.0.1", 0, health, metrics, MetricsAccess.loopbackOnly())) {
            assertThat(get(server, "/health", null).statusCode()).isEqualTo(200);
            HttpResponse<String> notReady = get(server, "/ready", null);
            assertThat(notReady.statusCode()).isEqualTo(503);
            assertThat(notReady.body()).contains("\"status\":\"DOWN\"").contains("\"caught-up\":\"DOWN\"");

            caughtUp.set(true);
            assertThat(get(server, "/ready", null).statusCode()).isEqualTo(200);

            consumer.set(false);
            HttpResponse<String> down = get(server, "/health", null);
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.body()).isEqualTo("{\"status\":\"DOWN\",\"components\":{\"alerts-consumer\":\"DOWN\"}}");
            assertThat(get(server, "/ready", null).statusCode()).isEqualTo(503);
        }
    }

    @Test
    void servesMetricsToALoopbackClientWithRequestTimings() throws Exception {
        try (Metrics metrics = new Metrics("test");
             ManagementServer server = ManagementServer.start("127.0.0.1", 0, new Health(), metrics, MetricsAccess.loopbackOnly())) {
            get(server, "/health", null);
            HttpResponse<String> scrape = get(server, "/metrics", null);

            assertThat(scrape.statusCode()).isEqualTo(200);
            assertThat(scrape.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
            assertThat(scrape.body()).contains("jvm_memory_used_bytes{").contains("service=\"test\"")
                    .contains("http_server_requests_seconds_count{").contains("route=\"/health\"");

            // The same request through a reverse proxy on this host: from anywhere, so refused.
            HttpResponse<String> proxied = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                    .header("X-Forwarded-For", "203.0.113.9").build(), HttpResponse.BodyHandlers.ofString());
            assertThat(proxied.statusCode()).isEqualTo(403);
            assertThat(proxied.body()).doesNotContain("jvm_");
        }
    }

    @Test
    void refusesMetricsWithoutTheTokenWhenOneIsSet() throws Exception {
        try (Metrics metrics = new Metrics("test");
             ManagementServer server = ManagementServer.start("127.0.0.1", 0, new Health(), metrics, MetricsAccess.token(TOKEN))) {
            HttpResponse<String> none = get(server, "/metrics", null);
            assertThat(none.statusCode()).isEqualTo(401);
            assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
            assertThat(none.body()).doesNotContain("jvm_");
            assertThat(get(server, "/metrics", "Bearer not-the-token-at-all").statusCode()).isEqualTo(401);

            HttpResponse<String> ok = get(server, "/metrics", "Bearer " + TOKEN);
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("jvm_threads_live_threads");
            assertThat(get(server, "/health", null).statusCode()).as("health needs no token").isEqualTo(200);
        }
    }

    private HttpResponse<String> get(ManagementServer server, String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
