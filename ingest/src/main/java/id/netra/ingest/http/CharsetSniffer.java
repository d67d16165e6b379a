package id.netra.ingest.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides how a body is to be decoded: the {@code Content-Type} charset, else a byte-order mark, else the
 * document's own declaration ({@code <meta>} in HTML, {@code <?xml encoding?>} in XML), else UTF-8 when the bytes
 * are valid UTF-8, else windows-1252. Many Indonesian government and news sites still serve windows-1252 labelled
 * as ISO-8859-1, hence the browser mapping of those labels.
 */
final class CharsetSniffer {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    /** How far into an HTML page a {@code <meta>} declaration is looked for (browsers look at 1024 bytes). */
    private static final int PRESCAN_BYTES = 4096;

    /** Labels that browsers decode as windows-1252 (WHATWG Encoding Standard). */
    private static final Set<String> WINDOWS_1252_LABELS = Set.of("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
            "l1", "cp819", "ibm819", "iso-ir-100", "csisolatin1", "us-ascii", "ascii", "ansi_x3.4-1968", "cp1252",
            "x-cp1252", "windows-1252");

    private static final Pattern HEADER_CHARSET = Pattern.compile("(?i);\\s*charset\\s*=\\s*\"?([^\";\\s]+)");
    // Matches both <meta charset="x"> and <meta http-equiv="content-type" content="text/html; charset=x">.
    private static final Pattern META_CHARSET =
            Pattern.compile("(?is)<meta\\s[^>]*?charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9._:+-]+)");
    private static final Pattern XML_ENCODING =
            Pattern.compile("(?s)^<\\?xml\\s[^>]*?encoding\\s*=\\s*[\"']([A-Za-z0-9._:+-]+)[\"']");

    private CharsetSniffer() {
    }

    /**
     * @param contentType the whole {@code Content-Type} header value, or {@code null}
     * @param body        the raw bytes
     */
    static Charset detect(String contentType, byte[] body) {
        if (contentType != null) {
            Matcher m = HEADER_CHARSET.matcher(contentType);
            Charset declared = m.find() ? forLabel(m.group(1)) : null;
            if (declared != null) {
                return declared;
            }
        }
        Charset bom = byBom(body);
        if (bom != null) {
            return bom;
        }
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        String head = new String(body, 0, Math.min(body.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Charset inDocument = inDocument(media, head);
        if (inDocument != null) {
            return inDocument;
        }
        return isUtf8(body) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    private static Charset inDocument(String media, String head) {
        boolean xml = media.endsWith("/xml") || media.endsWith("+xml");
        boolean html = media.equals("text/html") || media.isEmpty();
        Charset declared = null;
        if (xml || html && head.startsWith("<?xml")) {
            Matcher m = XML_ENCODING.matcher(head);
            declared = m.find() ? forLabel(m.group(1)) : null;
        }
        if (declared == null && (html || media.equals("application/xhtml+xml"))) {
            Matcher m = META_CHARSET.matcher(head);
            declared = m.find() ? forLabel(m.group(1)) : null;
            // A page read as ASCII cannot truthfully declare UTF-16; browsers take such a meta to mean UTF-8.
            if (declared != null && declared.name().startsWith("UTF-16")) {
                declared = StandardCharsets.UTF_8;
            }
        }
        return declared;
    }

    private static Charset byBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xFE) {
            return StandardCharsets.UTF_16LE;
        }
        if (b.length >= 2 && (b[0] & 0xFF) == 0xFE && (b[1] & 0xFF) == 0xFF) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    /** The charset for a label, ISO-8859-1 and ASCII labels read as windows-1252; {@code null} when unknown. */
    static Charset forLabel(String label) {
        String l = label.trim().toLowerCase(Locale.ROOT);
        if (WINDOWS_1252_LABELS.contains(l)) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(l);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean isUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
