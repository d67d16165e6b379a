package id.netra.app.bench;

import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;

/**
 * Analysts at work, each on their own session in a thread of their own, for a fixed time or number of requests: the
 * first page of {@code /kasus}, {@code /api/cases} filtered by severity, region, status or candidate, a case's page,
 * the next page when an answer offers a cursor ({@code next}, {@code nextCursor} or {@code cursor} in the JSON, a link
 * with {@code after=} in the page), and now and then an export of everything the analyst may see. Every request's
 * latency goes into a histogram of its kind (those started in the warm-up are not counted); every answer but 200 is an
 * error, counted by kind and status.
 */
final class AnalystLoad {
    static final String PAGE = "/kasus first page";
    static final String FILTERED = "/api/cases filtered";
    static final String CASE = "/kasus/{id}";
    static final String NEXT = "next page (cursor)";
    static final String EXPORT = "export.csv (in the mix)";
    static final List<String> FILTERS = List.of("severity", "region", "status", "candidate");
    private static final Pattern NEXT_LINK = Pattern.compile("href=\"([^\"]*[?&](?:amp;)?after=[^\"]*)\"");
    private static final String[] STATUSES = {"OPEN", "ASSIGNED", "CONFIRMED", "DISMISSED", "ESCALATED"};

    /** An analyst: their session and the cases they may see (numbers of {@link CaseHistory}). */
    record Analyst(AnalystSession session, int[] cases) {
    }

    private final CaseHistory history;
    private final Map<String, Histogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final LongAdder cursorsOffered = new LongAdder();
    private final LongAdder cursorsAbsent = new LongAdder();
    private final LongAdder exportBytes = new LongAdder();

    AnalystLoad(CaseHistory history) {
        this.history = history;
    }

    /**
     * Runs the analysts until {@code duration} passed or {@code requests} (if positive) were sent, counting after
     * {@code warmup}; each waits a random time of mean {@code think} between two requests.
     *
     * @return the seconds measured (after the warm-up)
     */
    double run(List<Analyst> analysts, Duration duration, Duration warmup, long requests, Duration think, long seed) throws InterruptedException {
        long start = System.nanoTime();
        long countFrom = start + warmup.toNanos();
        long end = start + duration.toNanos();
        AtomicLong budget = new AtomicLong(requests > 0 ? requests : Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < analysts.size(); i++) {
            Analyst a = analysts.get(i);
            SplittableRandom random = new SplittableRandom(seed * 31 + i);
            threads.add(Thread.ofPlatform().name("bench-analyst-" + i).start(() -> {
                while (System.nanoTime() < end && budget.getAndDecrement() > 0) {
                    step(a, random, countFrom);
                    if (!think.isZero()) {
                        LockSupport.parkNanos((long) (-Math.log(1 - random.nextDouble()) * think.toNanos()));
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        return (System.nanoTime() - countFrom) / 1e9;
    }

    /** One click of an analyst. */
    private void step(Analyst a, SplittableRandom random, long countFrom) {
        int c = a.cases()[random.nextInt(a.cases().length)];
        int roll = random.nextInt(1000);
        if (roll < 300) {
            String body = timed(a, PAGE, null, "/kasus", countFrom);
            String next = body == null ? null : nextLink(body);
            if (next != null && roll < 100) {
                String link = next.replace("&amp;", "&");
                timed(a, NEXT, null, link.startsWith("?") ? "/kasus" + link : link, countFrom);
            }
        } else if (roll < 700) {
            String filter = FILTERS.get(random.nextInt(FILTERS.size()));
            String value = switch (filter) {
                case "severity" -> "severity=" + (random.nextBoolean() ? "HIGH" : "MEDIUM");
                case "region" -> "region=" + (random.nextBoolean() ? history.regionOf(c) : id.netra.model.Regions.province(history.regionOf(c)));
                case "status" -> "status=" + STATUSES[random.nextInt(STATUSES.length)];
                default -> "subject=" + URLEncoder.encode(history.candidateOf(c), StandardCharsets.UTF_8);
            };
            String path = "/api/cases?" + value + "&limit=50";
            String body = timed(a, FILTERED, "/api/cases ?" + filter, path, countFrom);
            String next = body == null ? null : cursor(path, body);
            if (next != null && random.nextBoolean()) {
                timed(a, NEXT, null, next, countFrom);
            }
        } else if (roll < 995) {
            timed(a, CASE, null, "/kasus/" + CaseHistory.caseId(c), countFrom);
        } else {
            export(a, countFrom);
        }
    }

    /** A GET: its latency and status recorded; the body when it answered 200, else null. */
    private String timed(Analyst a, String kind, String subKind, String path, long countFrom) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<String> r = a.session().get(path);
            long micros = (System.nanoTime() - t0) / 1000;
            if (t0 >= countFrom) {
                record(kind, micros);
                if (subKind != null) {
                    record(subKind, micros);
                }
            }
            if (r.statusCode() != 200) {
                error(kind, String.valueOf(r.statusCode()));
                return null;
            }
            return r.body();
        } catch (IOException e) {
            error(kind, e.getClass().getSimpleName());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private void export(Analyst a, long countFrom) {
        long t0 = System.nanoTime();
        try {
            HttpResponse<InputStream> r = a.session().stream("/api/cases/export.csv");
            long bytes;
            try (InputStream in = r.body()) {
                bytes = in.transferTo(java.io.OutputStream.nullOutputStream());
            }
            if (t0 >= countFrom) {
                record(EXPORT, (System.nanoTime() - t0) / 1000);
            }
            exportBytes.add(bytes);
            if (r.statusCode() != 200) {
                error(EXPORT, String.valueOf(r.statusCode()));
            }
        } catch (IOException e) {
            error(EXPORT, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The next page of a JSON answer: a path or address as given, or a cursor value put in {@code after}. */
    String cursor(String path, String body) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
        for (JsonNode holder : List.of(json, json.path("page"))) {
            for (String field : List.of("next", "nextCursor", "cursor")) {
                JsonNode v = holder.path(field);
                if ((v.isTextual() || v.isNumber()) && !v.asText().isBlank()) {
                    cursorsOffered.increment();
                    String next = v.asText();
                    if (next.startsWith("/") || next.startsWith("http")) {
                        return next;
                    }
                    return path.replaceAll("&after=[^&]*", "") + "&after=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
                }
            }
        }
        cursorsAbsent.increment();
        return null;
    }

    String nextLink(String html) {
        Matcher m = NEXT_LINK.matcher(html);
        if (m.find()) {
            cursorsOffered.increment();
            return m.group(1);
        }
        cursorsAbsent.increment();
        return null;
    }

    private void record(String kind, long micros) {
        Histogram h = latencies.computeIfAbsent(kind, k -> new Histogram(Duration.ofMinutes(30).toNanos() / 1000, 3));
        synchronized (h) {
            h.recordValue(Math.max(1, micros));
        }
    }

    private void error(String kind, String what) {
        errors.computeIfAbsent(kind + " " + what, k -> new LongAdder()).increment();
    }

    /** The latencies by kind, sorted by name. */
    Map<String, Histogram> latencies() {
        Map<String, Histogram> out = new TreeMap<>();
        latencies.forEach((k, h) -> {
            synchronized (h) {
                out.put(k, h.copy());
            }
        });
        return out;
    }

    /** Errors by kind and status (or exception). */
    Map<String, Long> errors() {
        Map<String, Long> out = new TreeMap<>();
        errors.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    long cursorsOffered() {
        return cursorsOffered.sum();
    }

    long cursorsAbsent() {
        return cursorsAbsent.sum();
    }

    long exportBytes() {
        return exportBytes.sum();
    }
}
