package id.netra.ingest.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The character set of a body, as browsers decide it: the HTTP header, then a byte-order mark, then {@code <meta>}
 * (HTML) or the XML declaration, then UTF-8 if the bytes are valid UTF-8, else windows-1252. Labels ISO-8859-1,
 * latin1 and US-ASCII mean windows-1252 (WHATWG Encoding), so curly quotes and the euro sign of such pages read right.
 */
final class CharsetSniffer {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern HEADER_CHARSET = Pattern.compile("(?i)charset\\s*=\\s*\"?([\\w.:-]+)");
    private static final Pattern META_CHARSET = Pattern.compile("(?i)<meta[^>]+charset\\s*=\\s*[\"']?\\s*([\\w.:-]+)");
    private static final Pattern XML_ENCODING = Pattern.compile("^\\s*<\\?xml[^>]+encoding\\s*=\\s*[\"']([\\w.:-]+)");

    private CharsetSniffer() {
    }

    static Charset detect(String contentTypeHeader, byte[] body) {
        if (contentTypeHeader != null) {
            Matcher m = HEADER_CHARSET.matcher(contentTypeHeader);
            if (m.find()) {
                Charset c = charset(m.group(1));
                if (c != null) {
                    return c;
                }
            }
        }
        if (body.length >= 3 && (body[0] & 0xff) == 0xef && (body[1] & 0xff) == 0xbb && (body[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xfe && (body[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (body.length >= 2 && (body[0] & 0xff) == 0xff && (body[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher xml = XML_ENCODING.matcher(head);
        if (xml.find()) {
            Charset c = charset(xml.group(1));
            if (c != null) {
                return c;
            }
        }
        Matcher meta = META_CHARSET.matcher(head);
        if (meta.find()) {
            Charset c = charset(meta.group(1));
            if (c != null) {
                return c;
            }
        }
        return validUtf8(body) ? StandardCharsets.UTF_8 : WINDOWS_1252;
    }

    /** A charset by its label, Latin-1 labels read as windows-1252; {@code null} if unknown. */
    static Charset charset(String label) {
        String l = label.strip().toLowerCase(Locale.ROOT);
        if (l.equals("iso-8859-1") || l.equals("latin1") || l.equals("iso8859-1") || l.equals("us-ascii") || l.equals("ascii")
                || l.equals("l1") || l.equals("cp1252")) {
            return WINDOWS_1252;
        }
        try {
            return Charset.forName(l);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private static boolean validUtf8(byte[] body) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
