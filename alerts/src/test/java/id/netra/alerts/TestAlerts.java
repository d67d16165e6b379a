package id.netra.alerts;

import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Severity;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.List;

/** Fictional alerts for the tests. */
final class TestAlerts {
    static final AsnRecord ASN = new AsnRecord("198501012010011001", "Rudi Hartono", "Pemerintah Kota Lestari",
            "Dinas Pendidikan", "Guru", "99.01", "Drs. Sutomo", "sutomo@example.go.id", List.of(Account.parse("x:rudi_h")));

    private TestAlerts() {
    }

    static Alert alert(String postId, String publishedAt, Severity severity) {
        return alert(postId, publishedAt, severity, "Ayo coblos nomor 3!", URI.create("https://x.com/rudi_h/status/" + postId), ASN,
                List.of(new Alert.Evidence(4, 10, "coblos", "support-cue", "coblos")));
    }

    static Alert alert(String postId, String publishedAt, Severity severity, String text, URI url, AsnRecord asn,
                       List<Alert.Evidence> evidence) {
        Post post = new Post(Platform.X, postId, url, new Author("rudi_h", asn.name()), text,
                OffsetDateTime.parse(publishedAt), PostKind.POST);
        return new Alert(Alert.idFor(post.key(), "w1", "r1"), Platform.X, postId, asn.nip(), severity, "call-to-vote",
                "Ajakan mencoblos nomor 3.", new Alert.Violation("Ajakan memilih pasangan calon melalui media sosial",
                        "Kampanye di media sosial", List.of("PP 94/2021 Pasal 5 huruf n")), post, asn,
                List.of(new Alert.CandidateMatch("pilwalkot-lestari", "lestari-03", 3, List.of("Bagus Wirawan"), "99.01", true)),
                List.of(), evidence, "w1", "r1", "cues-v2+slang-v1+rules-v1");
    }
}
