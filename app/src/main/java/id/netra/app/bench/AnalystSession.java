package id.netra.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One analyst's browser: its own HTTP client and cookies, logged in with the login form, holding the session's CSRF
 * token (from {@code /api/session}) as the pages do.
 */
final class AnalystSession {
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String name;
    private String csrf;

    AnalystSession(int port, String name) {
        this.base = "http://127.0.0.1:" + port;
        this.name = name;
    }

    String name() {
        return name;
    }

    /** Logs in; fails with the status when the service refuses. */
    AnalystSession login(String password) throws IOException, InterruptedException {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() != 303) {
            throw new IllegalStateException("the alerts service refused the login of " + name + ": HTTP " + r.statusCode());
        }
        JsonNode me = Json.mapper().readTree(get("/api/session").body());
        csrf = me.path("csrfToken").asText(null);
        if (csrf == null) {
            throw new IllegalStateException("the session of " + name + " has no CSRF token at /api/session");
        }
        return this;
    }

    String csrf() {
        return csrf;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<InputStream> stream(String path) throws IOException, InterruptedException {
        return http.send(request(path), HttpResponse.BodyHandlers.ofInputStream());
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path)).timeout(Duration.ofMinutes(10)).build();
    }
}
