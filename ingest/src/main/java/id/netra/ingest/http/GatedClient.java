package id.netra.ingest.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpHostConnectException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one GET through the {@link HostGate}, with the policy's User-Agent, timeouts and body limit. It follows
 * no redirects and retries nothing: that is the caller's business, hop by hop. Connections are made to the addresses
 * the {@link PinnedResolver} vetted, never to a second DNS answer.
 */
final class GatedClient implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GatedClient.class);

    private final HostGate gate;
    private final HostResolver dns;
    /** Connect and socket timeouts, and the guard, are fixed when a client is built: one client per combination in use. */
    private final Map<ClientKey, CloseableHttpClient> clients = new ConcurrentHashMap<>();
    /** Requests run here so that a deadline or an interrupt can abandon a blocked read (and close its connection). */
    private final ExecutorService requests = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "netra-fetch");
        t.setDaemon(true);
        return t;
    });

    private record ClientKey(Duration connectTimeout, Duration readTimeout, boolean allowPrivate) {
    }

    /** A response that arrived whole. */
    record Response(URI url, int status, HttpHeaders headers, byte[] body) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** The body is larger than allowed. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    GatedClient(HostGate gate, HostResolver dns) {
        this.gate = gate;
        this.dns = dns;
    }

    /**
     * @param pause    the host's rest after this request
     * @param headers  extra request headers (conditional GET)
     * @param truncate keep the first {@code maxBytes} of a longer body instead of failing
     * @throws FetchException {@code TIMEOUT}, {@code TOO_LARGE}, {@code IO}, {@code BLOCKED_ADDRESS}, or
     *                        {@code RATE_LIMITED} from the gate
     */
    Response get(URI url, HttpPolicy policy, Duration pause, Map<String, String> headers, long maxBytes,
                 boolean truncate) throws FetchException, InterruptedException {
        HttpGet request = new HttpGet(url);
        request.setHeader("User-Agent", policy.userAgent());
        headers.forEach(request::setHeader);
        HostGate.Turn turn = gate.enter(url, pause, policy.backoffMax());
        try {
            long started = System.nanoTime();
            CloseableHttpClient client = client(policy);
            Future<Response> pending = requests.submit(() -> exchange(client, request, url, maxBytes, truncate));
            try {
                // The socket timeout covers each read; this deadline covers the whole answer, headers and body.
                Response r = pending.get(policy.readTimeout().toNanos(), TimeUnit.NANOSECONDS);
                log.debug("GET {} answered {} with {} bytes in {} ms.", url, r.status(), r.body().length,
                        (System.nanoTime() - started) / 1_000_000);
                return r;
            } catch (TimeoutException e) {
                throw fail(FetchException.Kind.TIMEOUT, url, "No complete answer from " + url + " within "
                        + policy.readTimeout().toMillis() + " ms", e, request, pending);
            } catch (InterruptedException e) {
                cancel(request, pending);
                throw e;
            } catch (ExecutionException e) {
                throw failure(url, policy, e.getCause(), request, pending);
            }
        } finally {
            turn.close();
        }
    }

    private static Response exchange(CloseableHttpClient client, HttpGet request, URI url, long maxBytes, boolean truncate) throws IOException {
        ClassicHttpResponse response = client.executeOpen(null, request, null);
        boolean whole = false;
        try {
            HttpHeaders headers = headers(response.getHeaders());
            HttpEntity entity = response.getEntity();
            if (entity == null) {
                whole = true;
                return new Response(url, response.getCode(), headers, new byte[0]);
            }
            if (!truncate && entity.getContentLength() > maxBytes) {
                throw new TooLarge("declared Content-Length above " + maxBytes + " bytes");
            }
            InputStream in = entity.getContent();
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            whole = body.length <= maxBytes;
            if (whole) {
                return new Response(url, response.getCode(), headers, body);
            }
            if (truncate) {
                return new Response(url, response.getCode(), headers, java.util.Arrays.copyOf(body, (int) maxBytes));
            }
            throw new TooLarge("body above " + maxBytes + " bytes");
        } finally {
            if (whole) {
                response.close();
            } else {
                // The rest is not wanted: drop the connection rather than read the body to its end to reuse it.
                request.cancel();
                closeQuietly(response);
            }
        }
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            log.trace("Closing an abandoned response failed as expected: {}", e.toString());
        }
    }

    private static HttpHeaders headers(Header[] all) {
        Map<String, List<String>> map = new LinkedHashMap<>();
        for (Header h : all) {
            map.computeIfAbsent(h.getName(), k -> new ArrayList<>()).add(h.getValue());
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    private static FetchException failure(URI url, HttpPolicy policy, Throwable cause, HttpGet request, Future<?> pending) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof PinnedResolver.Blocked b) {
                return fail(FetchException.Kind.BLOCKED_ADDRESS, url, "Refused " + url + ": " + b.getMessage(), cause, request, pending);
            }
            if (t instanceof TooLarge) {
                return fail(FetchException.Kind.TOO_LARGE, url, "Refused the body of " + url + ": " + t.getMessage(),
                        cause, request, pending);
            }
            if (t instanceof ConnectTimeoutException || t instanceof SocketTimeoutException) {
                return fail(FetchException.Kind.TIMEOUT, url, "Timed out asking " + url + " (connect "
                        + policy.connectTimeout().toMillis() + " ms, read " + policy.readTimeout().toMillis() + " ms)",
                        cause, request, pending);
            }
            if (t instanceof HttpHostConnectException || t instanceof ConnectException) {
                String why = t.getMessage() != null ? t.getMessage() : "connection refused";
                return fail(FetchException.Kind.IO, url, "Cannot connect to " + url + ": " + why, cause, request, pending);
            }
        }
        String reason = cause instanceof IOException ? cause.toString() : "unexpected " + cause;
        return fail(FetchException.Kind.IO, url, "Failed asking " + url + ": " + reason, cause, request, pending);
    }

    private static FetchException fail(FetchException.Kind kind, URI url, String message, Throwable cause, HttpGet request,
                                       Future<?> pending) {
        cancel(request, pending);
        return new FetchException(kind, url, 0, null, message, cause);
    }

    /** Aborts the exchange: its connection is closed, so a blocked read ends at once. */
    private static void cancel(HttpGet request, Future<?> pending) {
        request.cancel();
        pending.cancel(true);
    }

    private CloseableHttpClient client(HttpPolicy policy) {
        return clients.computeIfAbsent(new ClientKey(policy.connectTimeout(), policy.readTimeout(), policy.allowPrivate()), k ->
                HttpClients.custom()
                        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                                .setDnsResolver(new PinnedResolver(dns, k.allowPrivate()))
                                .setDefaultConnectionConfig(ConnectionConfig.custom()
                                        .setConnectTimeout(Timeout.of(k.connectTimeout()))
                                        .setSocketTimeout(Timeout.of(k.readTimeout()))
                                        .build())
                                .setMaxConnPerRoute(4)
                                .setMaxConnTotal(200)
                                .build())
                        .disableRedirectHandling()
                        .disableAutomaticRetries()
                        .disableCookieManagement()
                        .disableAuthCaching()
                        // The raw payload is the evidence: no Accept-Encoding, no transparent decompression.
                        .disableContentCompression()
                        .disableDefaultUserAgent()
                        .build());
    }

    @Override
    public void close() {
        requests.shutdownNow();
        clients.values().forEach(c -> c.close(org.apache.hc.core5.io.CloseMode.IMMEDIATE));
        clients.clear();
    }
}
