package id.netra.ingest.parse;

import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/** Reads posts off a page with an {@link HtmlProfile}. jsoup is lenient, so broken markup still yields what it can. */
public final class HtmlExtractor {
    private HtmlExtractor() {
    }

    public static ParseResult extract(HtmlProfile profile, String html, URI pageUrl) {
        Document doc = Jsoup.parse(html, pageUrl.toString());
        Elements elements = profile.post().strip().equals(":root") ? new Elements(doc) : doc.select(profile.post());
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        int n = 0;
        for (Element e : elements) {
            n++;
            try {
                posts.add(post(profile, e, pageUrl));
            } catch (IllegalArgumentException ex) {
                String fragment = e.outerHtml();
                rejected.add(new ParseResult.Rejected("post " + n + " of " + pageUrl, fragment.length() > 20_000 ? fragment.substring(0, 20_000) : fragment,
                        "profile " + profile.name() + ": " + ex.getMessage()));
            }
        }
        URI next = null;
        if (profile.next() != null) {
            String href = value(profile.next(), doc);
            if (href != null && !href.isBlank()) {
                next = CanonicalUrl.resolve(pageUrl, href);
            }
        }
        return new ParseResult(posts, rejected, next);
    }

    private static Post post(HtmlProfile p, Element e, URI pageUrl) {
        String link = value(p.permalink(), e);
        if (link == null || link.isBlank()) {
            throw new IllegalArgumentException("no permalink (" + p.permalink().selector() + ")");
        }
        URI url = CanonicalUrl.of(CanonicalUrl.resolve(pageUrl, link));
        if (!sameHost(url, pageUrl)) {
            // A page may name any address as its canonical one; believing it would let it overwrite another site's post.
            if (!p.post().strip().equals(":root")) {
                throw new IllegalArgumentException("permalink " + url + " is on another host than the page");
            }
            url = CanonicalUrl.of(pageUrl);
        }
        String timeText = value(p.time(), e);
        OffsetDateTime time = Dates.parse(timeText);
        if (time == null) {
            throw new IllegalArgumentException(timeText == null ? "no time (" + p.time().selector() + ")" : "no valid time: '" + timeText + "'");
        }
        String author = value(p.author(), e);
        if (author == null || author.isBlank()) {
            throw new IllegalArgumentException("no author (" + p.author().selector() + ")");
        }
        Element textElement = p.text().selector() == null ? null : first(e, p.text().selector());
        String text = textElement == null ? null : p.text().attr() == null || !textElement.hasAttr(p.text().attr())
                ? HtmlText.of(textElement) : textElement.attr(p.text().attr());
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("no text (" + p.text().selector() + ")");
        }
        String title = p.title() == null ? null : value(p.title(), e);
        if (title != null && !title.isBlank()) {
            text = title.strip() + "\n\n" + text;
        }
        String id = p.id() == null ? url.toString() : value(p.id(), e);
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("no id (" + p.id().selector() + ")");
        }
        String handle = author.strip().replaceFirst("^@", "");
        if (p.platform() == Platform.WEB && isAddressElsewhere(handle, pageUrl)) {
            // An author given as another site's address would claim that site's registered account: the page's host speaks.
            handle = pageUrl.getHost().toLowerCase(java.util.Locale.ROOT);
        }
        return new Post(p.platform(), id.strip(), url, new Author(handle, author.strip()), text, time, p.kind());
    }

    private static boolean sameHost(URI a, URI b) {
        return a.getHost() != null && b.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost());
    }

    /** Whether {@code author} reads as an address (with or without scheme) whose host is not the page's. */
    private static boolean isAddressElsewhere(String author, URI pageUrl) {
        String a = author.matches("(?i)^https?://.*") ? author : author.matches("(?i)^[a-z0-9.-]+\\.[a-z]{2,}/.*") ? "https://" + author : null;
        if (a == null) {
            return false;
        }
        try {
            URI u = new URI(a);
            return u.getHost() == null || !sameHost(u, pageUrl);
        } catch (java.net.URISyntaxException e) {
            return true;
        }
    }

    /**
     * The first element of the first alternative that matches: {@code a, b} tries {@code a} before {@code b}, unlike
     * CSS, whose groups match in document order (an {@code article} would win over the {@code articleBody} inside it).
     */
    static Element first(Element scope, String selector) {
        for (String alternative : alternatives(selector)) {
            Element found = scope.selectFirst(alternative);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static java.util.List<String> alternatives(String selector) {
        java.util.List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < selector.length(); i++) {
            char c = selector.charAt(i);
            if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == ',' && depth == 0) {
                out.add(selector.substring(start, i).strip());
                start = i + 1;
            }
        }
        out.add(selector.substring(start).strip());
        return out;
    }

    private static String value(HtmlProfile.Field f, Element scope) {
        if (f.selector() == null || f.selector().isBlank()) {
            return f.fixed();
        }
        Element found = first(scope, f.selector());
        if (found == null) {
            return f.fixed();
        }
        if (f.attr() == null) {
            return found.text();
        }
        // "content|datetime": the first attribute the element has (a <meta> and a <time> in one selector); else its text.
        for (String attr : f.attr().split("\\|")) {
            String a = attr.strip();
            if (found.hasAttr(a)) {
                return found.attr(a);
            }
        }
        return found.text();
    }
}
