package id.netra.ingest.parse;

import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * RSS 2.0 and Atom feeds (jsoup's XML parser: the encoding from the BOM or the XML declaration, lenient with broken
 * markup). Each item is a {@code web} post keyed by its canonical link; its author is the item's author, else the
 * site's host; its text the title and the description or content reduced to text. Publication times keep the feed's
 * offset. An item without a usable link or date is rejected with its position.
 */
public final class FeedParser {
    private FeedParser() {
    }

    /** @throws IllegalArgumentException when the payload is not an RSS or Atom feed at all */
    public static ParseResult parse(byte[] body, URI feedUrl) {
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(body), null, feedUrl.toString(), Parser.xmlParser());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Element rss = doc.selectFirst("rss > channel, rdf|RDF");
        Element atom = doc.selectFirst("feed");
        if (rss == null && atom == null) {
            Element root = doc.children().isEmpty() ? null : doc.child(0);
            throw new IllegalArgumentException("no <rss><channel> or <feed> element" + (root == null ? "" : " (the document starts with <" + root.tagName() + ">)"));
        }
        boolean isAtom = rss == null;
        Element channel = isAtom ? atom : rss;
        String siteTitle = text(channel.selectFirst("> title"));
        List<Post> posts = new ArrayList<>();
        List<ParseResult.Rejected> rejected = new ArrayList<>();
        int n = 0;
        for (Element item : isAtom ? atom.select("> entry") : doc.select("item")) {
            n++;
            try {
                posts.add(isAtom ? atomEntry(item, feedUrl, siteTitle) : rssItem(item, feedUrl, siteTitle));
            } catch (IllegalArgumentException e) {
                rejected.add(new ParseResult.Rejected("entry " + n, item.outerHtml(), e.getMessage()));
            }
        }
        return new ParseResult(posts, rejected, null);
    }

    private static Post rssItem(Element item, URI feedUrl, String siteTitle) {
        String link = text(item.selectFirst("> link"));
        if (link.isEmpty()) {
            Element guid = item.selectFirst("> guid");
            link = guid != null && !"false".equalsIgnoreCase(guid.attr("isPermaLink")) ? text(guid) : "";
        }
        String date = text(item.selectFirst("> pubDate"));
        if (date.isEmpty()) {
            date = text(item.selectFirst("> dc|date"));
        }
        String author = text(item.selectFirst("> dc|creator"));
        if (author.isEmpty()) {
            author = text(item.selectFirst("> author"));
        }
        String content = text(item.selectFirst("> content|encoded"));
        return post(feedUrl, link, text(item.selectFirst("> title")), content.isEmpty() ? text(item.selectFirst("> description")) : content,
                date, author, siteTitle);
    }

    private static Post atomEntry(Element entry, URI feedUrl, String siteTitle) {
        Element link = entry.selectFirst("> link[rel=alternate], > link:not([rel])");
        String href = link == null ? "" : link.attr("href");
        String date = text(entry.selectFirst("> published"));
        if (date.isEmpty()) {
            date = text(entry.selectFirst("> updated"));
        }
        String content = text(entry.selectFirst("> content"));
        return post(feedUrl, href, text(entry.selectFirst("> title")), content.isEmpty() ? text(entry.selectFirst("> summary")) : content,
                date, text(entry.selectFirst("> author > name")), siteTitle);
    }

    private static Post post(URI feedUrl, String link, String title, String htmlBody, String date, String author, String siteTitle) {
        if (link.isBlank()) {
            throw new IllegalArgumentException("no link to the item's page");
        }
        URI url = CanonicalUrl.of(CanonicalUrl.resolve(feedUrl, link));
        OffsetDateTime published = Dates.parse(date);
        if (published == null) {
            throw new IllegalArgumentException(date.isBlank() ? "no publication date" : "no valid publication date: '" + date + "'");
        }
        String body = HtmlText.of(htmlBody);
        String text = title.isBlank() ? body : body.isBlank() ? title.strip() : title.strip() + "\n\n" + body;
        String handle = author.isBlank() ? url.getHost() : author.strip();
        String shown = author.isBlank() ? (siteTitle.isBlank() ? null : siteTitle) : author.strip();
        return new Post(Platform.WEB, url.toString(), url, new Author(handle, shown), text, published, PostKind.POST);
    }

    private static String text(Element e) {
        return e == null ? "" : e.text().strip();
    }
}
