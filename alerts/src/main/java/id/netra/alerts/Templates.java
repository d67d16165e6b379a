package id.netra.alerts;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.TemplateException;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The app's jte templates, compiled to Java at build time ({@code src/main/jte}: HTML, every {@code ${...}} escaped for
 * where it stands; {@code src/main/jte-text}: plain text, for the text part of e-mails), so the service needs no
 * template compiler and starts without compiling anything. Pages are templates that call {@code layout/page.jte} with
 * their content; see that file for what every page gets (head, CSRF meta, user bar, navigation, stylesheet).
 */
public final class Templates {
    private static final TemplateEngine HTML = TemplateEngine.createPrecompiled(null, ContentType.Html, Templates.class.getClassLoader(),
            "id.netra.alerts.templates.html");
    private static final TemplateEngine TEXT = TemplateEngine.createPrecompiled(null, ContentType.Plain, Templates.class.getClassLoader(),
            "id.netra.alerts.templates.text");

    private Templates() {
    }

    /**
     * Renders the HTML template {@code name} (such as {@code feed.jte}) with its {@code @param}s by name.
     *
     * @throws IllegalStateException naming the template when it is missing or a parameter does not fit (a bug)
     */
    public static String html(String name, Map<String, Object> params) {
        return render(HTML, name, params);
    }

    /** Renders the plain-text template {@code name} (nothing escaped: for the text part of e-mails). */
    public static String text(String name, Map<String, Object> params) {
        return render(TEXT, name, params);
    }

    private static String render(TemplateEngine engine, String name, Map<String, Object> params) {
        StringOutput out = new StringOutput(4096);
        try {
            engine.render(name, params, out);
        } catch (TemplateException | ClassCastException e) {
            throw new IllegalStateException("Cannot render the template " + name + ": " + e.getMessage(), e);
        }
        return out.toString();
    }
}
