package id.netra.ingest;

import id.netra.ingest.http.FetchException;
import id.netra.ingest.http.Fetched;
import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.ingest.parse.FeedParser;
import id.netra.ingest.parse.ParseResult;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * RSS 2.0 and Atom feeds (regional news, government and candidate sites). Each run asks every feed conditionally
 * (ETag / Last-Modified from the last committed run), so an unchanged feed costs a 304 and nothing else; items
 * already emitted unchanged are dropped by the writer.
 */
final class FeedSource implements Source {
    private final String id;
    private final List<URI> urls;
    private final PoliteFetcher fetcher;
    private final HttpPolicy policy;

    FeedSource(String id, List<URI> urls, PoliteFetcher fetcher, HttpPolicy policy) {
        this.id = id;
        this.urls = List.copyOf(urls);
        this.fetcher = fetcher;
        this.policy = policy;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void collect(Map<String, String> positions, Harvest out, int limit) throws IOException, InterruptedException {
        int failed = 0;
        for (URI url : urls) {
            Fetched f;
            try {
                f = fetcher.fetch(url, policy, WebPositions.conditional(out, url));
            } catch (FetchException e) {
                failed++;
                WebPositions.failed(out, e);
                continue;
            }
            if (f.notModified()) {
                continue;
            }
            ParseResult parsed;
            try {
                parsed = FeedParser.parse(f.body(), f.finalUrl());
            } catch (IllegalArgumentException e) {
                failed++;
                out.problem(url + ": not a readable feed: " + e.getMessage());
                out.reject(url.toString(), f.text(), "not a readable RSS/Atom feed: " + e.getMessage());
                continue;
            }
            WebPositions.add(out, parsed, Evidence.of(f), url.toString());
            WebPositions.remember(out, url, f);
        }
        if (failed == urls.size() && !urls.isEmpty()) {
            throw new IOException("every feed of source " + id + " failed: " + String.join("; ", out.problems()));
        }
    }
}
