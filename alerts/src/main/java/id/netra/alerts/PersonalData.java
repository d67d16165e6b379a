package id.netra.alerts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import id.netra.alerts.auth.Session;
import id.netra.model.Alert;
import id.netra.model.Json;

/**
 * Who sees personal data whole. NIPs are masked ({@code 19850101********01}) and supervisors' e-mail addresses left
 * out in every list and every JSON answer, except in the single view of a case or an alert (each audited) for a
 * role that works the case (analyst, admin) within its jurisdiction; auditors read cases with NIPs masked. Exports
 * are the case work's own record: whole for analysts and admins (audited with their filter), masked for auditors.
 */
final class PersonalData {
    private PersonalData() {
    }

    /** Whether the viewer sees NIPs whole in a single case or alert. */
    static boolean whole(Session viewer) {
        return viewer.user().role().mayAct();
    }

    /** An alert as JSON: whole, or with its NIPs masked and the supervisor's e-mail address left out. */
    static JsonNode alert(Alert a, boolean whole) {
        ObjectNode n = Json.mapper().valueToTree(a);
        if (!whole) {
            n.put("nip", Nips.mask(a.nip()));
            if (n.get("asn") instanceof ObjectNode asn) {
                asn.put("nip", Nips.mask(a.asn().nip()));
                asn.remove("supervisorEmail");
            }
        }
        return n;
    }

    /** A case's view for lists: its NIP masked. */
    static CaseView masked(CaseView v) {
        return new CaseView(v.id(), v.status(), v.assignee(), v.alerts(), v.severity(), v.rule(), Nips.mask(v.nip()), v.name(), v.agency(),
                v.regionCode(), v.regionName(), v.province(), v.candidates(), v.parties(), v.platform(), v.url(), v.text(), v.publishedAt(),
                v.openedAt(), v.updatedAt(), v.candidateNames());
    }

    /** A case as JSON: whole, or with the NIP in its group key masked. */
    static JsonNode caseFile(CaseFile c, boolean whole) {
        ObjectNode n = Json.mapper().valueToTree(c);
        if (!whole && c.groupKey() != null) {
            int bar = c.groupKey().indexOf('|');
            n.put("groupKey", bar < 0 ? Nips.mask(c.groupKey()) : Nips.mask(c.groupKey().substring(0, bar)) + c.groupKey().substring(bar));
        }
        return n;
    }
}
