package id.netra.ingest.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one GET through the {@link HostGate}, with the policy's User-Agent, timeouts and body limit. It follows
 * no redirects and retries nothing: that is the caller's business, hop by hop.
 */
final class GatedClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatedClient.class);

    private final HostGate gate;
    /** The connect timeout is fixed when a client is built, so there is one client per timeout in use. */
    private final Map<Duration, HttpClient> clients = new ConcurrentHashMap<>();

    /** A response that arrived whole. */
    record Response(URI url, int status, HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    GatedClient(HostGate gate) {
        this.gate = gate;
    }

    /**
     * @param pause    the host's rest after this request
     * @param headers  extra request headers (conditional GET)
     * @param truncate keep the first {@code maxBytes} of a longer body instead of failing
     * @throws FetchException {@code TIMEOUT}, {@code TOO_LARGE}, {@code IO}, or {@code RATE_LIMITED} from the gate
     */
    Response get(URI url, HttpPolicy policy, Duration pause, Map<String, String> headers, long maxBytes,
                 boolean truncate) throws FetchException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).GET()
                .timeout(policy.readTimeout())
                .header("User-Agent", policy.userAgent());
        headers.forEach(request::header);
        HostGate.Turn turn = gate.enter(url, pause, policy.backoffMax());
        try {
            long started = System.nanoTime();
            AtomicReference<LimitedBody> body = new AtomicReference<>();
            CompletableFuture<HttpResponse<byte[]>> pending = client(policy).sendAsync(request.build(), info -> {
                body.set(new LimitedBody(maxBytes, truncate, info.headers().firstValueAsLong("Content-Length")));
                return body.get();
            });
            try {
                // The request timeout only covers the headers; this deadline covers the body too.
                HttpResponse<byte[]> r = pending.get(policy.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
                log.debug("GET {} answered {} with {} bytes in {} ms.", url, r.statusCode(), r.body().length,
                        (System.nanoTime() - started) / 1_000_000);
                return new Response(url, r.statusCode(), r.headers(), r.body());
            } catch (TimeoutException e) {
                throw fail(FetchException.Kind.TIMEOUT, url, "No complete answer from " + url + " within "
                        + policy.readTimeout().toMillis() + " ms", e, pending, body.get());
            } catch (InterruptedException e) {
                cancel(pending, body.get());
                throw e;
            } catch (ExecutionException e) {
                throw failure(url, policy, e.getCause(), pending, body.get());
            }
        } finally {
            turn.close();
        }
    }

    private static FetchException failure(URI url, HttpPolicy policy, Throwable cause,
                                          CompletableFuture<?> pending, LimitedBody body) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof LimitedBody.TooLarge) {
                return fail(FetchException.Kind.TOO_LARGE, url, "Refused the body of " + url + ": " + t.getMessage(),
                        cause, pending, body);
            }
            if (t instanceof HttpTimeoutException) {
                return fail(FetchException.Kind.TIMEOUT, url, "Timed out asking " + url + " (connect "
                        + policy.connectTimeout().toMillis() + " ms, read " + policy.readTimeout().toMillis() + " ms)",
                        cause, pending, body);
            }
            if (t instanceof ConnectException) {
                String why = t.getMessage() != null ? t.getMessage() : "connection refused";
                return fail(FetchException.Kind.IO, url, "Cannot connect to " + url + ": " + why, cause, pending, body);
            }
        }
        String reason = cause instanceof IOException ? cause.toString() : "unexpected " + cause;
        return fail(FetchException.Kind.IO, url, "Failed asking " + url + ": " + reason, cause, pending, body);
    }

    private static FetchException fail(FetchException.Kind kind, URI url, String message, Throwable cause,
                                       CompletableFuture<?> pending, LimitedBody body) {
        cancel(pending, body);
        return new FetchException(kind, url, 0, null, message, cause);
    }

    private static void cancel(CompletableFuture<?> pending, LimitedBody body) {
        pending.cancel(true);
        if (body != null) {
            body.abort();
        }
    }

    private HttpClient client(HttpPolicy policy) {
        return clients.computeIfAbsent(policy.connectTimeout(), timeout -> HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    @Override
    public void close() {
        clients.values().forEach(HttpClient::shutdownNow);
        clients.clear();
    }
}
