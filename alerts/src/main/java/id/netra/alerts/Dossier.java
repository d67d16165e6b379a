package id.netra.alerts;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.MediaText;
import id.netra.model.Provenance;
import id.netra.model.Regions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.openpdf.text.Document;
import org.openpdf.text.Element;
import org.openpdf.text.Font;
import org.openpdf.text.PageSize;
import org.openpdf.text.Paragraph;
import org.openpdf.text.Phrase;
import org.openpdf.text.pdf.BaseFont;
import org.openpdf.text.pdf.PdfContentByte;
import org.openpdf.text.pdf.PdfPCell;
import org.openpdf.text.pdf.PdfPTable;
import org.openpdf.text.pdf.PdfPageEventHelper;
import org.openpdf.text.pdf.PdfTemplate;
import org.openpdf.text.pdf.PdfWriter;

/**
 * The referral dossier of a confirmed case, in Indonesian, for BKN and the civil servant's PPK (staffing authority): the
 * person's registry record with the NIP whole (it is the official referral), each post with its text, time, address,
 * the SHA-256 of its capture and when it was captured, the matched words, the form of violation and its legal basis,
 * the rule and the versions that decided; then the case's history (who decided what, when, why). Every page has a
 * footer with the case and its page number.
 *
 * <p>Text comes from posts and the registry and may hold anything: it is laid out as text (never interpreted), and a
 * character the font has no glyph for (an emoji or anything else beyond the BMP, a script DejaVu Sans lacks, a control or
 * bidi-override character) is
 * replaced by a visible {@code �} rather than left out silently. The font is DejaVu Sans, bundled with its licence
 * ({@code alerts/fonts/}).
 */
final class Dossier {
    private static final ZoneOffset WIB = ZoneOffset.ofHours(7);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.forLanguageTag("id"));
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMMM yyyy HH:mm:ss 'WIB'", Locale.forLanguageTag("id"));
    private static final BaseFont REGULAR = font("DejaVuSans.ttf", BaseFont.HELVETICA);
    private static final BaseFont BOLD = font("DejaVuSans-Bold.ttf", BaseFont.HELVETICA_BOLD);
    private static final Font BODY = new Font(REGULAR, 9);
    private static final Font SMALL = new Font(REGULAR, 7.5f);
    private static final Font LABEL = new Font(BOLD, 9);
    private static final Font HEADING = new Font(BOLD, 11);
    private static final Font TITLE = new Font(BOLD, 14);
    /** The character shown for one the font cannot draw. */
    private static final String MISSING = REGULAR.charExists(0xFFFD) ? "\uFFFD" : "?";

    private Dossier() {
    }

    /**
     * The dossier as PDF bytes.
     *
     * @param alerts   the case's alerts, first one first (at least one)
     * @param issuedAt when it is made
     * @param issuer   the user it is made for
     */
    static byte[] pdf(CaseFile c, List<Alert> alerts, Regions regions, Instant issuedAt, String issuer) {
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("case " + c.id() + ": a dossier needs at least one alert");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        Document doc = new Document(PageSize.A4, 50, 50, 50, 60);
        PdfWriter writer = PdfWriter.getInstance(doc, out);
        writer.setPageEvent(new Footer(c.id()));
        doc.addTitle("Berkas rujukan " + c.id());
        doc.addSubject("Dugaan pelanggaran netralitas ASN");
        doc.addCreator("Netra");
        doc.open();

        Alert first = alerts.getFirst();
        AsnRecord asn = first.asn();
        Paragraph title = new Paragraph(text("BERKAS RUJUKAN DUGAAN PELANGGARAN NETRALITAS ASN"), TITLE);
        title.setAlignment(Element.ALIGN_CENTER);
        title.setSpacingAfter(6);
        doc.add(title);
        doc.add(line("Nomor kasus: " + c.id(), LABEL));
        doc.add(line("Tanggal: " + issuedAt.atOffset(WIB).format(DATE), BODY));
        doc.add(line("Kepada: Badan Kepegawaian Negara (BKN) dan Pejabat Pembina Kepegawaian (PPK) " + orDash(asn.agency()), BODY));
        doc.add(line("Dibuat oleh " + issuer + " melalui Netra pada " + issuedAt.atOffset(WIB).format(TIME) + ". Kasus dikonfirmasi"
                + confirmation(c) + ".", BODY));

        heading(doc, "1. Data ASN");
        PdfPTable person = facts();
        fact(person, "Nama", asn.name());
        fact(person, "NIP", asn.nip());
        fact(person, "Instansi", asn.agency());
        fact(person, "Unit kerja", asn.unit());
        fact(person, "Jabatan", asn.position());
        fact(person, "Wilayah", regions.name(asn.regionCode()).map(n -> n + " (" + asn.regionCode() + ")").orElse(asn.regionCode()));
        fact(person, "Atasan", asn.supervisorName());
        fact(person, "Akun dikenal", asn.accounts().isEmpty() ? null : String.join(", ", asn.accounts().stream().map(String::valueOf).toList()));
        fact(person, "Versi registri", first.registryVersion());
        doc.add(person);

        heading(doc, "2. Unggahan (" + alerts.size() + ")");
        int n = 0;
        for (Alert a : alerts) {
            n++;
            Paragraph sub = new Paragraph(text("Unggahan " + n + " — " + a.platform().id() + " " + AlertText.handle(a.post().author())), LABEL);
            sub.setSpacingBefore(6);
            sub.setSpacingAfter(3);
            doc.add(sub);
            doc.add(post(a));
        }

        heading(doc, "3. Riwayat kasus");
        PdfPTable history = new PdfPTable(new float[] {22, 16, 22, 40});
        history.setWidthPercentage(100);
        history.setHeaderRows(1);
        for (String h : List.of("Waktu", "Oleh", "Tindakan", "Keterangan")) {
            history.addCell(cell(h, LABEL));
        }
        for (AlertEvent e : c.history()) {
            history.addCell(cell(e.at().atOffset(WIB).format(TIME), BODY));
            history.addCell(cell(e.actor(), BODY));
            history.addCell(cell(AlertText.action(e.type()), BODY));
            history.addCell(cell(note(e), BODY));
        }
        doc.add(history);

        Paragraph closing = new Paragraph(text("Dokumen ini dibuat oleh Netra dari data kasus di atas. Sidik SHA-256 berkas ini dicatat "
                + "dalam riwayat kasus " + c.id() + " (peristiwa dossier-issued) sehingga keasliannya dapat diperiksa. Bukti unggahan "
                + "tersimpan utuh; sidik SHA-256 setiap tangkapan tercantum pada bagian 2."), SMALL);
        closing.setSpacingBefore(10);
        doc.add(closing);
        doc.close();
        return out.toByteArray();
    }

    private static PdfPTable post(Alert a) {
        PdfPTable t = facts();
        fact(t, "Teks", a.post().text());
        fact(t, "Waktu unggah", time(a.post().publishedAt()));
        fact(t, "Tautan", String.valueOf(a.post().url()));
        Provenance p = a.post().provenance();
        if (p == null) {
            fact(t, "Bukti tersimpan", "tidak tercatat (unggahan dikumpulkan sebelum tangkapan disimpan)");
        } else {
            fact(t, "SHA-256 tangkapan", p.payloadSha256(), SMALL);
            fact(t, "Waktu pengambilan", p.fetchedAt().atOffset(WIB).format(TIME));
            fact(t, "Sumber", p.sourceId() + (p.reportedBy() == null ? "" : " · dilaporkan oleh " + p.reportedBy()));
        }
        if (a.mediaText() != null) {
            List<String> pictures = a.mediaText().items().stream().filter(i -> i.sha256() != null)
                    .map((MediaText.Item i) -> "gambar " + (i.index() + 1) + ": " + i.sha256()
                            + (i.fetchedAt() == null ? "" : " (diambil " + i.fetchedAt().atOffset(WIB).format(TIME) + ")")).toList();
            if (!pictures.isEmpty()) {
                fact(t, "SHA-256 gambar", String.join("\n", pictures), SMALL);
            }
        }
        fact(t, "Kata yang cocok", a.evidence().isEmpty() ? null
                : String.join(", ", a.evidence().stream().map(Dossier::matched).distinct().toList()));
        fact(t, "Kandidat", a.candidates().isEmpty() ? null : String.join("; ", a.candidates().stream()
                .map(m -> "No. " + m.number() + " " + String.join(" – ", m.names()) + " (" + m.electionId() + ")").toList()));
        if (a.violation() != null) {
            fact(t, "Bentuk pelanggaran", a.violation().form() + (a.violation().skb() == null ? "" : " — " + a.violation().skb()));
            fact(t, "Dasar hukum", a.violation().legalBasis().isEmpty() ? null : String.join("; ", a.violation().legalBasis()));
        } else {
            fact(t, "Bentuk pelanggaran", "tidak tercatat pada peringatan ini");
        }
        fact(t, "Aturan", a.rule() + (a.explanation() == null ? "" : " — " + a.explanation()));
        fact(t, "Tingkat", a.severity().name());
        fact(t, "Versi", "daftar pantau " + a.watchlistVersion() + " · registri " + a.registryVersion()
                + (a.lexiconVersion() == null ? "" : " · leksikon " + a.lexiconVersion()));
        fact(t, "ID peringatan", a.id(), SMALL);
        return t;
    }

    /** A matched span, with where it was found when not in the post's own text. */
    private static String matched(Alert.Evidence e) {
        String where = e.inPicture() ? ", teks dalam gambar " + (e.mediaIndex() + 1)
                : e.mediaIndex() >= 0 ? ", teks alternatif gambar " + (e.mediaIndex() + 1) : "";
        return "\"" + e.text() + "\" (" + e.type() + where + ")";
    }

    private static String confirmation(CaseFile c) {
        return c.history().reversed().stream().filter(e -> e.type() == AlertEvent.Type.CONFIRMED).findFirst()
                .map(e -> " oleh " + e.actor() + " pada " + e.at().atOffset(WIB).format(TIME)).orElse("");
    }

    private static String note(AlertEvent e) {
        StringBuilder s = new StringBuilder();
        if (e.assignee() != null) {
            s.append("kepada ").append(e.assignee());
        }
        if (e.reason() != null) {
            s.append(s.isEmpty() ? "" : "; ").append(e.reason());
        }
        if (e.sha256() != null) {
            s.append(s.isEmpty() ? "" : "; ").append("SHA-256 ").append(e.sha256());
        }
        if (e.alertId() != null) {
            s.append(s.isEmpty() ? "" : "; ").append("peringatan ").append(e.alertId());
        }
        return s.toString();
    }

    private static String time(OffsetDateTime at) {
        return at.withOffsetSameInstant(WIB).format(TIME);
    }

    private static String orDash(String s) {
        return s == null || s.isBlank() ? "—" : s;
    }

    private static void heading(Document doc, String text) {
        Paragraph p = new Paragraph(text(text), HEADING);
        p.setSpacingBefore(12);
        p.setSpacingAfter(4);
        doc.add(p);
    }

    private static Paragraph line(String s, Font font) {
        Paragraph p = new Paragraph(text(s), font);
        p.setSpacingAfter(2);
        return p;
    }

    private static PdfPTable facts() {
        PdfPTable t = new PdfPTable(new float[] {24, 76});
        t.setWidthPercentage(100);
        return t;
    }

    private static void fact(PdfPTable t, String label, String value) {
        fact(t, label, value, BODY);
    }

    private static void fact(PdfPTable t, String label, String value, Font font) {
        t.addCell(cell(label, LABEL));
        t.addCell(cell(orDash(value), font));
    }

    private static PdfPCell cell(String s, Font font) {
        PdfPCell cell = new PdfPCell(new Phrase(text(s), font));
        cell.setPadding(3);
        cell.setBorderColor(new java.awt.Color(0xC5, 0xCB, 0xD3));
        return cell;
    }

    /**
     * Text as the font can draw it: line breaks and tabs kept, every other control or format character (a bidi override
     * could reorder what the reader sees) and every character without a glyph replaced by {@link #MISSING}.
     */
    static String text(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            if (cp == '\n' || cp == '\t') {
                b.appendCodePoint(cp == '\t' ? ' ' : cp);
            } else if (cp == '\r') {
                // a CRLF is one line break
            } else if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT || Character.isSupplementaryCodePoint(cp)
                    || (cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE) || !REGULAR.charExists(cp)) {
                // charExists looks at 16 bits only: beyond the BMP (emoji) it would answer for another character
                b.append(MISSING);
            } else {
                b.appendCodePoint(cp);
            }
        });
        return b.toString();
    }

    /** "Berkas rujukan NTR-… · Halaman n dari N" at the foot of every page. */
    private static final class Footer extends PdfPageEventHelper {
        private static final float SIZE = 7.5f;
        private final String caseId;
        private PdfTemplate total;

        Footer(String caseId) {
            this.caseId = caseId;
        }

        @Override
        public void onOpenDocument(PdfWriter writer, Document document) {
            total = writer.getDirectContent().createTemplate(40, 12);
        }

        @Override
        public void onEndPage(PdfWriter writer, Document document) {
            String s = text("Berkas rujukan " + caseId + " · Halaman " + writer.getPageNumber() + " dari ");
            PdfContentByte cb = writer.getDirectContent();
            float y = document.bottom() - 25;
            cb.beginText();
            cb.setFontAndSize(REGULAR, SIZE);
            cb.setTextMatrix(document.left(), y);
            cb.showText(s);
            cb.endText();
            cb.addTemplate(total, document.left() + REGULAR.getWidthPoint(s, SIZE), y);
            cb.setLineWidth(0.5f);
            cb.moveTo(document.left(), y + 10);
            cb.lineTo(document.right(), y + 10);
            cb.stroke();
        }

        @Override
        public void onCloseDocument(PdfWriter writer, Document document) {
            total.beginText();
            total.setFontAndSize(REGULAR, SIZE);
            total.setTextMatrix(0, 0);
            total.showText(String.valueOf(writer.getPageNumber() - 1));
            total.endText();
        }
    }

    private static BaseFont font(String file, String fallback) {
        try (InputStream in = Dossier.class.getResourceAsStream("/alerts/fonts/" + file)) {
            if (in != null) {
                return BaseFont.createFont(file, BaseFont.IDENTITY_H, BaseFont.EMBEDDED, BaseFont.CACHED, in.readAllBytes(), null);
            }
            return BaseFont.createFont(fallback, BaseFont.WINANSI, BaseFont.NOT_EMBEDDED);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load the dossier's font " + file, e);
        }
    }
}
