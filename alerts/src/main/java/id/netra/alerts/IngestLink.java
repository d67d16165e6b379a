package id.netra.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
import id.netra.model.Settings;
import id.netra.web.BearerToken;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the alerts app passes a reported post address on to ingest: {@code POST <url>/api/reports} with ingest's API
 * token, the logged-in analyst as {@code reportedBy}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code alerts.ingest.url}</td><td>none</td><td>ingest's API ({@code http://ingest:8081}); none: reporting is off</td></tr>
 *   <tr><td>{@code alerts.ingest.api-token}</td><td>none</td><td>ingest's {@code ingest.api-token}; required with the URL</td></tr>
 * </table>
 */
public record IngestLink(URI url, BearerToken token) {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public IngestLink {
        Objects.requireNonNull(url, "alerts.ingest.url");
        Objects.requireNonNull(token, "alerts.ingest.api-token");
    }

    /** What ingest answered: its status and its JSON body (an {@code error}, or the report with its id). */
    public record Answer(int status, JsonNode body) {
    }

    /**
     * The link, or {@code null} when {@code alerts.ingest.url} is not set.
     *
     * @throws IllegalArgumentException naming the key that is missing or wrong
     */
    public static IngestLink from(Settings s) {
        String url = s.string("alerts.ingest.url", null);
        if (url == null || url.isBlank()) {
            return null;
        }
        URI u;
        try {
            u = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Setting 'alerts.ingest.url' is not a URL: " + e.getMessage(), e);
        }
        if (u.getHost() == null || !("http".equalsIgnoreCase(u.getScheme()) || "https".equalsIgnoreCase(u.getScheme()))) {
            throw new IllegalArgumentException("Setting 'alerts.ingest.url' must be an http(s) URL such as http://ingest:8081, not '" + url + "'");
        }
        String token = s.string("alerts.ingest.api-token", null);
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("Setting 'alerts.ingest.api-token' is required with alerts.ingest.url: ingest's ingest.api-token");
        }
        return new IngestLink(u, BearerToken.of(token, "alerts.ingest.api-token"));
    }

    /** Reports {@code postUrl} as {@code reportedBy}; ingest answers 202 once the report is recorded. */
    Answer report(String postUrl, String reportedBy) throws IOException, InterruptedException {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("url", postUrl);
        body.put("reportedBy", reportedBy);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.toString().replaceAll("/+$", "") + "/api/reports"))
                .timeout(Duration.ofSeconds(40))
                .header("Content-Type", "application/json")
                .header("Authorization", token.authorization())
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body), StandardCharsets.UTF_8)).build();
        HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = Json.mapper().readTree(r.body().isBlank() ? "{}" : r.body());
        } catch (IOException e) {
            json = Json.mapper().createObjectNode().put("error", "ingest answered " + r.statusCode() + " without JSON");
        }
        return new Answer(r.statusCode(), json);
    }

    @Override
    public String toString() {
        return "IngestLink[" + url + "]";
    }
}
