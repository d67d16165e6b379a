package id.netra.ingest.parse;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;

/** HTML reduced to the text a reader sees, paragraphs and line breaks kept as newlines. */
final class HtmlText {
    private HtmlText() {
    }

    static String of(String html) {
        if (html == null || html.isBlank()) {
            return "";
        }
        Document doc = Jsoup.parseBodyFragment(html);
        return of(doc.body());
    }

    static String of(Element root) {
        StringBuilder out = new StringBuilder();
        append(root, out);
        return out.toString().replaceAll("[ \\t\\x0B\\f\\r]+", " ").replaceAll(" ?\n ?", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static void append(Node node, StringBuilder out) {
        for (Node child : node.childNodes()) {
            if (child instanceof TextNode t) {
                out.append(t.text());
            } else if (child instanceof Element e) {
                String tag = e.normalName();
                if (tag.equals("br")) {
                    out.append('\n');
                    continue;
                }
                if (tag.equals("script") || tag.equals("style")) {
                    continue;
                }
                boolean block = e.isBlock() || tag.equals("p") || tag.equals("li");
                if (block) {
                    out.append('\n');
                }
                append(e, out);
                if (block) {
                    out.append('\n');
                }
            }
        }
    }
}
