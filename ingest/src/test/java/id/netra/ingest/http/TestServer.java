package id.netra.ingest.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP server on 127.0.0.1 for fetcher tests. It answers each path with a handler (404 otherwise) on several
 * threads, so a fetcher that sent requests in parallel would be seen doing it, and it records every request with
 * the moment it arrived and the moment the answer started.
 */
final class TestServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(8);
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    /** Answers one request. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A request as the server saw it; times are {@link System#nanoTime()}. */
    static final class Seen {
        final String path;
        final Map<String, List<String>> headers;
        final long arrived;
        volatile long answered;

        Seen(String path, Map<String, List<String>> headers, long arrived) {
            this.path = path;
            this.headers = headers;
            this.arrived = arrived;
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return path + "@" + arrived / 1_000_000;
        }
    }

    TestServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            Seen s = new Seen(exchange.getRequestURI().getPath(), Map.copyOf(exchange.getRequestHeaders()), System.nanoTime());
            seen.add(s);
            exchange.setAttribute("seen", s);
            try {
                Handler h = handlers.get(s.path);
                if (h == null) {
                    reply(exchange, 404, "text/plain", "not here");
                } else {
                    h.handle(exchange);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                // The fetcher hung up (timeout, size limit): that is what some tests provoke.
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    TestServer on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    TestServer text(String path, int status, String contentType, String body, String... headers) {
        return on(path, ex -> reply(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8), headers));
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    List<Seen> seen(String path) {
        return seen.stream().filter(s -> s.path.equals(path)).toList();
    }

    static void reply(HttpExchange ex, int status, String contentType, String body, String... headers) throws IOException {
        reply(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Sends a whole answer; {@code headers} are name, value pairs. */
    static void reply(HttpExchange ex, int status, String contentType, byte[] body, String... headers) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().add("Content-Type", contentType);
        }
        for (int i = 0; i < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
        answering(ex);
        boolean noBody = status == 304 || body.length == 0;
        ex.sendResponseHeaders(status, noBody ? -1 : body.length);
        if (!noBody) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** Notes that the answer starts now: the fetcher cannot have finished this request earlier. */
    static void answering(HttpExchange ex) {
        ((Seen) ex.getAttribute("seen")).answered = System.nanoTime();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
