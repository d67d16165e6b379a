package id.netra.ingest;

import id.netra.ingest.http.FetchException;
import id.netra.ingest.http.Fetched;
import id.netra.ingest.http.PoliteFetcher;
import id.netra.ingest.parse.ParseResult;
import id.netra.model.Post;
import java.net.URI;

/** What the web sources share: conditional-request positions, and handing a parse result to the harvest. */
final class WebPositions {
    private WebPositions() {
    }

    static PoliteFetcher.Conditional conditional(Harvest out, URI url) {
        String etag = out.position("etag:" + url);
        String lastModified = out.position("last-modified:" + url);
        return etag == null && lastModified == null ? PoliteFetcher.Conditional.NONE : new PoliteFetcher.Conditional(etag, lastModified);
    }

    /** Keeps the validators of a response for the next run's conditional request. */
    static void remember(Harvest out, URI url, Fetched f) {
        out.position("etag:" + url, f.etag());
        out.position("last-modified:" + url, f.lastModified());
    }

    static void failed(Harvest out, FetchException e) {
        out.problem(e.kind() + ": " + e.getMessage());
        if (e.retryAt() != null) {
            out.deferUntil(e.retryAt());
        }
    }

    static void add(Harvest out, ParseResult parsed, Evidence evidence, String where) {
        for (Post p : parsed.posts()) {
            out.post(p, evidence, where);
        }
        for (ParseResult.Rejected r : parsed.rejected()) {
            out.reject(where.isEmpty() ? r.origin() : where + " " + r.origin(), r.payload(), r.reason());
        }
    }
}
