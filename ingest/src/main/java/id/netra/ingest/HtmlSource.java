package id.netra.ingest;

import id.netra.ingest.http.FetchException;
import id.netra.ingest.http.Fetched;
import id.netra.ingest.http.HttpPolicy;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.ingest.parse.HtmlExtractor;
import id.netra.ingest.parse.HtmlProfile;
import id.netra.ingest.parse.ParseResult;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Public web pages read with a profile of CSS selectors (see {@code ingest/profiles/*.yml}): a list page's posts, or
 * one article, following the profile's pagination link up to {@code maxPages} pages per run. The first page is asked
 * conditionally.
 */
final class HtmlSource implements Source {
    private final String id;
    private final List<URI> urls;
    private final HtmlProfile profile;
    private final int maxPages;
    private final PoliteFetcher fetcher;
    private final HttpPolicy policy;

    HtmlSource(String id, List<URI> urls, HtmlProfile profile, int maxPages, PoliteFetcher fetcher, HttpPolicy policy) {
        this.id = id;
        this.urls = List.copyOf(urls);
        this.profile = profile;
        this.maxPages = maxPages;
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
        for (URI start : urls) {
            URI page = start;
            Set<URI> visited = new HashSet<>();
            for (int n = 0; page != null && n < maxPages && visited.add(page) && out.size() < limit; n++) {
                Fetched f;
                try {
                    f = fetcher.fetch(page, policy, n == 0 ? WebPositions.conditional(out, start) : PoliteFetcher.Conditional.NONE);
                } catch (FetchException e) {
                    if (n == 0) {
                        failed++;
                    }
                    WebPositions.failed(out, e);
                    break;
                }
                if (f.notModified()) {
                    break;
                }
                ParseResult parsed = HtmlExtractor.extract(profile, f.text(), f.finalUrl());
                WebPositions.add(out, parsed, Evidence.of(f), page.toString());
                if (n == 0) {
                    WebPositions.remember(out, start, f);
                }
                page = parsed.next();
            }
        }
        if (failed == urls.size() && !urls.isEmpty()) {
            throw new IOException("every page of source " + id + " failed: " + String.join("; ", out.problems()));
        }
    }
}
