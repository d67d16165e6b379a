package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.model.Json;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;

/**
 * Filtered cases as CSV (RFC 4180) or JSON. Every CSV cell is quoted, and a cell a spreadsheet would read as a formula
 * ({@code = + - @}, tab, carriage return first) is prefixed with an apostrophe: post text is written by strangers.
 */
final class CaseExport {
    private static final List<String> HEADER = List.of("case_id", "status", "assignee", "severity", "rule", "nip", "name", "agency",
            "region_code", "region_name", "candidates", "candidate_names", "parties", "platform", "url", "published_at", "alerts", "text");

    private CaseExport() {
    }

    static String csv(List<CaseView> cases) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            csv(out, each -> cases.forEach(each));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Writes the header, then each case {@code rows} hands over, as it comes. */
    static void csv(OutputStream out, Consumer<Consumer<CaseView>> rows) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 64 * 1024);
        StringBuilder line = new StringBuilder(1024);
        row(line, HEADER);
        w.write(line.toString());
        try {
            rows.accept(c -> {
                line.setLength(0);
                row(line, List.of(c.id(), c.status().name(), String.valueOf(c.assignee() == null ? "" : c.assignee()), c.severity().name(), c.rule(),
                        c.nip(), c.name(), c.agency() == null ? "" : c.agency(), c.regionCode(), c.regionName(), String.join("|", c.candidates()),
                        String.join("|", c.candidateNames()), String.join("|", c.parties()), c.platform(), c.url(), c.publishedAt().toString(), String.valueOf(c.alerts()), c.text()));
                try {
                    w.write(line.toString());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        w.flush();
    }

    static String json(List<CaseView> cases) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(cases);
    }

    /** Writes a JSON array of each case {@code rows} hands over, as it comes. */
    static void json(OutputStream out, Consumer<Consumer<CaseView>> rows) throws IOException {
        try (JsonGenerator g = Json.mapper().getFactory().createGenerator(out)) {
            g.writeStartArray();
            try {
                rows.accept(c -> {
                    try {
                        g.writeObject(c);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
            g.writeEndArray();
        }
    }

    private static void row(StringBuilder out, List<String> cells) {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append('"').append(inert(cells.get(i)).replace("\"", "\"\"")).append('"');
        }
        out.append("\r\n");
    }

    /** A cell no spreadsheet evaluates. */
    static String inert(String cell) {
        if (!cell.isEmpty() && "=+-@\t\r".indexOf(cell.charAt(0)) >= 0) {
            return "'" + cell;
        }
        return cell;
    }
}
