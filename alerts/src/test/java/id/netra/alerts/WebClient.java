package id.netra.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** A browser-like client of the alerts web app: keeps cookies, logs in with the form, sends the CSRF token. */
public final class WebClient {
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).build();
    private final String base;
    private String csrf;

    public WebClient(AlertsService service) {
        this.base = "http://127.0.0.1:" + service.port();
    }

    /** Posts the login form; on success remembers the session's CSRF token. */
    HttpResponse<String> login(String name, String password) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 303) {
            JsonNode me = Json.mapper().readTree(get("/api/session").body());
            csrf = me.get("csrfToken").asText();
        }
        return r;
    }

    /** Logs in with {@link TestUsers#PASSWORD}, failing the test if that does not work. */
    public WebClient as(String name) throws IOException, InterruptedException {
        int status = login(name, TestUsers.PASSWORD).statusCode();
        if (status != 303) {
            throw new AssertionError("login of " + name + " answered " + status);
        }
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET as a browser sends it for a page (accepting HTML first). */
    HttpResponse<String> page(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html,application/xhtml+xml,*/*;q=0.8").build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A JSON POST with the CSRF token. */
    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return post(path, json, csrf);
    }

    /** A JSON POST with {@code token} as the CSRF token ({@code null}: none). */
    HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("X-CSRF-Token", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Any request, with the CSRF token for everything but GET. */
    public HttpResponse<String> send(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        if (!method.equals("GET") && csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    String csrf() {
        return csrf;
    }

    HttpClient http() {
        return http;
    }

    CookieManager cookies() {
        return cookies;
    }

    String base() {
        return base;
    }
}
