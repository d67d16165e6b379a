package id.netra.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CharsetSnifferTest {
    /** “Café” costs €5 in windows-1252: curly quotes 0x93/0x94, é 0xE9, € 0x80; not valid UTF-8. */
    static final byte[] CAFE_1252 = {(byte) 0x93, 'C', 'a', 'f', (byte) 0xE9, (byte) 0x94, ' ', 'c', 'o', 's', 't',
            's', ' ', (byte) 0x80, '5'};
    static final String CAFE = "\u201cCaf\u00e9\u201d costs \u20ac5";

    private static byte[] concat(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(StandardCharsets.US_ASCII);
        byte[] c = after.getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }

    @Test
    void takesTheContentTypeCharsetFirst() {
        byte[] page = "<meta charset=\"utf-8\"><p>x".getBytes(StandardCharsets.US_ASCII);

        assertThat(CharsetSniffer.detect("text/html; charset=\"Shift_JIS\"", page)).isEqualTo(Charset.forName("Shift_JIS"));
    }

    @Test
    void readsLatin1AndAsciiLabelsAsWindows1252LikeBrowsers() {
        for (String label : new String[] {"ISO-8859-1", "latin1", "US-ASCII", "iso_8859-1"}) {
            Charset cs = CharsetSniffer.detect("text/html; charset=" + label, CAFE_1252);

            assertThat(cs).isEqualTo(CharsetSniffer.WINDOWS_1252);
            assertThat(new String(CAFE_1252, cs)).isEqualTo(CAFE);
        }
    }

    @Test
    void fallsThroughAnUnknownHeaderLabel() {
        byte[] page = concat("<meta charset=\"windows-1252\"><p>", CAFE_1252, "");

        assertThat(CharsetSniffer.detect("text/html; charset=no-such-charset", page)).isEqualTo(CharsetSniffer.WINDOWS_1252);
    }

    @Test
    void takesAByteOrderMarkWhenTheHeaderSaysNothing() {
        assertThat(CharsetSniffer.detect("text/html", new byte[] {(byte) 0xFF, (byte) 0xFE, 'a', 0})).isEqualTo(StandardCharsets.UTF_16LE);
        assertThat(CharsetSniffer.detect("text/html", new byte[] {(byte) 0xFE, (byte) 0xFF, 0, 'a'})).isEqualTo(StandardCharsets.UTF_16BE);
        assertThat(CharsetSniffer.detect(null, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'a'})).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void readsMetaCharsetInHtml() {
        byte[] page = concat("<!doctype html><html><head><meta charset=\"windows-1252\"></head><body>", CAFE_1252, "");

        assertThat(CharsetSniffer.detect("text/html", page)).isEqualTo(CharsetSniffer.WINDOWS_1252);
    }

    @Test
    void readsMetaHttpEquivContentTypeInHtml() {
        byte[] page = "<html><head><META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-2\"></head>"
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(CharsetSniffer.detect("text/html", page)).isEqualTo(Charset.forName("ISO-8859-2"));
    }

    @Test
    void ignoresAMetaBeyondTheFirstFourKilobytes() {
        byte[] page = ("<html><head><!--" + "x".repeat(5000) + "--><meta charset=\"windows-1252\">")
                .getBytes(StandardCharsets.US_ASCII);

        assertThat(CharsetSniffer.detect("text/html", page)).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheXmlDeclarationInFeeds() {
        byte[] feed = "<?xml version=\"1.0\" encoding=\"ISO-8859-15\"?><rss/>".getBytes(StandardCharsets.US_ASCII);

        assertThat(CharsetSniffer.detect("application/rss+xml", feed)).isEqualTo(Charset.forName("ISO-8859-15"));
        assertThat(CharsetSniffer.detect("text/xml", feed)).isEqualTo(Charset.forName("ISO-8859-15"));
    }

    @Test
    void takesUtf8WhenTheBytesAreValidUtf8() {
        assertThat(CharsetSniffer.detect("text/plain", CAFE.getBytes(StandardCharsets.UTF_8))).isEqualTo(StandardCharsets.UTF_8);
    }

    @Test
    void fallsBackToWindows1252WhenTheBytesAreNotUtf8() {
        assertThat(CharsetSniffer.detect("text/plain", CAFE_1252)).isEqualTo(CharsetSniffer.WINDOWS_1252);
        assertThat(CharsetSniffer.detect(null, CAFE_1252)).isEqualTo(CharsetSniffer.WINDOWS_1252);
    }
}
