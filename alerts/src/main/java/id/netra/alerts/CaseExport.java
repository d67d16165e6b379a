package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.model.Json;
import java.util.List;

/**
 * Filtered cases as CSV (RFC 4180) or JSON. Every CSV cell is quoted, and a cell a spreadsheet would read as a formula
 * ({@code = + - @}, tab, carriage return first) is prefixed with an apostrophe: post text is written by strangers.
 */
final class CaseExport {
    private static final List<String> HEADER = List.of("case_id", "status", "assignee", "severity", "rule", "nip", "name", "agency",
            "region_code", "region_name", "candidates", "parties", "platform", "url", "published_at", "alerts", "text");

    private CaseExport() {
    }

    static String csv(List<CaseView> cases) {
        StringBuilder out = new StringBuilder();
        row(out, HEADER);
        for (CaseView c : cases) {
            row(out, List.of(c.id(), c.status().name(), String.valueOf(c.assignee() == null ? "" : c.assignee()), c.severity().name(), c.rule(),
                    c.nip(), c.name(), c.agency() == null ? "" : c.agency(), c.regionCode(), c.regionName(), String.join("|", c.candidates()),
                    String.join("|", c.parties()), c.platform(), c.url(), c.publishedAt().toString(), String.valueOf(c.alerts()), c.text()));
        }
        return out.toString();
    }

    static String json(List<CaseView> cases) throws JsonProcessingException {
        return Json.mapper().writeValueAsString(cases);
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
