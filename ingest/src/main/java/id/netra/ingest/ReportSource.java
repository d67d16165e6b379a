package id.netra.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.netra.ingest.http.FetchException;
import id.netra.ingest.http.Fetched;
import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.ingest.parse.HtmlExtractor;
import id.netra.ingest.parse.HtmlProfile;
import id.netra.ingest.parse.HtmlProfiles;
import id.netra.ingest.parse.ParseResult;
import id.netra.model.Json;
import id.netra.model.Post;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Post addresses that an analyst or a partner system reported ({@code POST /api/reports}). A report is first committed
 * as pending in this source's positions (the submitter gets its id only then, so an accepted report survives a crash),
 * then fetched once with the profile matching its host and emitted with {@code reportedBy}. The outcome of the last
 * reports is kept for {@code GET /api/reports}.
 */
final class ReportSource implements Source {
    static final String ID = "reports";
    private static final int KEEP_DONE = 200;

    /** A report as the endpoint shows it. */
    record Report(String id, URI url, String reportedBy, String submittedAt, String status, String detail) {
    }

    private record Submission(URI url, String reportedBy, CompletableFuture<Report> accepted) {
    }

    private final PoliteFetcher fetcher;
    private final HttpPolicy policy;
    private final String defaultProfile;
    private final Clock clock;
    private final int maxPending;
    private final ConcurrentLinkedQueue<Submission> submitted = new ConcurrentLinkedQueue<>();
    private volatile Map<String, String> lastPositions = Map.of();
    /** Reports committed as pending and not fetched yet. */
    private volatile int pendingCommitted;
    /** Reports taken from the queue by the run being committed (lost if that commit fails: their submitters get 503). */
    private volatile int inTransit;

    /** More reports are waiting than allowed: the submitter should try again later. */
    static final class TooManyPending extends Exception {
        TooManyPending(String message) {
            super(message);
        }
    }

    /** @param maxPending reports queued or pending at most; more are refused with {@link TooManyPending} */
    ReportSource(PoliteFetcher fetcher, HttpPolicy policy, String defaultProfile, int maxPending, Clock clock) {
        this.fetcher = fetcher;
        this.policy = policy;
        this.defaultProfile = defaultProfile;
        this.maxPending = maxPending;
        this.clock = clock;
    }

    @Override
    public String id() {
        return ID;
    }

    /**
     * Queues a report; the future completes once it is committed as pending.
     *
     * @throws TooManyPending when {@code maxPending} reports are queued or waiting to be fetched already
     */
    synchronized CompletableFuture<Report> submit(URI url, String reportedBy) throws TooManyPending {
        int waiting = submitted.size() + inTransit + pendingCommitted;
        if (waiting >= maxPending) {
            throw new TooManyPending(waiting + " reports are waiting to be fetched (ingest.reports.max-pending is " + maxPending + ")");
        }
        CompletableFuture<Report> f = new CompletableFuture<>();
        submitted.add(new Submission(url, reportedBy, f));
        return f;
    }

    private static int pending(Map<String, String> positions) {
        int n = 0;
        for (Map.Entry<String, String> e : positions.entrySet()) {
            if (e.getKey().startsWith("report:") && e.getValue() != null && read(e.getValue()).status().equals("pending")) {
                n++;
            }
        }
        return n;
    }

    private void committed(Map<String, String> positions) {
        lastPositions = Map.copyOf(positions);
        pendingCommitted = pending(positions);
        inTransit = 0;
    }

    /** The pending and the last finished reports, newest first. */
    List<Report> reports() {
        List<Report> out = new ArrayList<>();
        lastPositions.forEach((k, v) -> {
            if (k.startsWith("report:")) {
                out.add(read(v));
            }
        });
        out.sort((a, b) -> b.submittedAt().compareTo(a.submittedAt()));
        return out;
    }

    @Override
    public void collect(Map<String, String> positions, Harvest out, int limit) throws InterruptedException {
        lastPositions = positions;
        pendingCommitted = pending(positions);
        inTransit = 0;
        if (!submitted.isEmpty()) {
            // Phase one: make the new reports durable, answer their submitters, and come back at once to fetch them.
            for (Submission s; (s = submitted.poll()) != null; ) {
                inTransit++;
                Report r = new Report(UUID.randomUUID().toString(), s.url(), s.reportedBy(), clock.instant().toString(), "pending", null);
                out.position("report:" + r.id(), write(r));
                Submission sub = s;
                out.afterCommit(() -> sub.accepted().complete(r));
            }
            out.again();
            out.afterCommit(() -> committed(out.positions()));
            return;
        }
        for (Map.Entry<String, String> e : new LinkedHashMap<>(positions).entrySet()) {
            if (!e.getKey().startsWith("report:")) {
                continue;
            }
            Report r = read(e.getValue());
            if (!r.status().equals("pending")) {
                continue;
            }
            out.position(e.getKey(), write(fetch(r, out)));
        }
        prune(out);
        out.afterCommit(() -> committed(out.positions()));
    }

    private Report fetch(Report r, Harvest out) throws InterruptedException {
        Fetched f;
        try {
            f = fetcher.fetch(r.url(), policy);
        } catch (FetchException e) {
            out.reject("report " + r.id(), r.url().toString(), "reported address could not be fetched: " + e.getMessage());
            return new Report(r.id(), r.url(), r.reportedBy(), r.submittedAt(), "failed", e.kind() + ": " + e.getMessage());
        }
        // The profile of the host the page came from (after redirects), not of the address reported: a platform's
        // profile (its platform, its ids, its authors) applies only to pages that platform's hosts served.
        HtmlProfile profile = HtmlProfiles.forUrl(f.finalUrl());
        if (profile == null) {
            profile = HtmlProfiles.load(defaultProfile);
            if (!profile.claims(f.finalUrl())) {
                profile = profile.forUnclaimedHost();
            }
        }
        ParseResult parsed = HtmlExtractor.extract(profile, f.text(), f.finalUrl());
        Evidence evidence = Evidence.of(f);
        for (Post p : parsed.posts()) {
            out.post(p, evidence, "report " + r.id(), r.reportedBy());
        }
        for (ParseResult.Rejected x : parsed.rejected()) {
            out.reject("report " + r.id() + " " + x.origin(), x.payload(), x.reason());
        }
        if (parsed.posts().isEmpty()) {
            return new Report(r.id(), r.url(), r.reportedBy(), r.submittedAt(), "failed",
                    "no post found with profile " + profile.name() + (parsed.rejected().isEmpty() ? "" : ": " + parsed.rejected().get(0).reason()));
        }
        return new Report(r.id(), r.url(), r.reportedBy(), r.submittedAt(), "done",
                parsed.posts().size() + " post(s) with profile " + profile.name() + ": " + parsed.posts().get(0).key());
    }

    /** Keeps the pending reports and the newest finished ones. */
    private static void prune(Harvest out) {
        List<Map.Entry<String, Report>> done = new ArrayList<>();
        out.positions().forEach((k, v) -> {
            if (k.startsWith("report:")) {
                Report r = read(v);
                if (!r.status().equals("pending")) {
                    done.add(Map.entry(k, r));
                }
            }
        });
        done.sort((a, b) -> b.getValue().submittedAt().compareTo(a.getValue().submittedAt()));
        for (int i = KEEP_DONE; i < done.size(); i++) {
            out.position(done.get(i).getKey(), null);
        }
    }

    private static String write(Report r) {
        try {
            return Json.mapper().writeValueAsString(r);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Report read(String json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            return new Report(n.path("id").asText(), URI.create(n.path("url").asText()), n.path("reportedBy").asText(null),
                    n.path("submittedAt").asText(), n.path("status").asText(), n.path("detail").asText(null));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable report in the cursor: " + json, e);
        }
    }
}
