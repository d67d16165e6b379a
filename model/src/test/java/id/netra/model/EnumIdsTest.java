package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EnumIdsTest {
    @Test
    void writesLowerCaseWithHyphensAndReadsEitherSpelling() throws Exception {
        assertThat(EnumIds.id(AlertEvent.Type.ALERT_ADDED)).isEqualTo("alert-added");
        assertThat(AlertEvent.Type.of("alert-added")).isEqualTo(AlertEvent.Type.ALERT_ADDED);
        assertThat(AlertEvent.Type.of("ALERT_ADDED")).isEqualTo(AlertEvent.Type.ALERT_ADDED);
        assertThat(Json.mapper().writeValueAsString(AuditEntry.Action.CASE_VIEWED)).isEqualTo("\"case-viewed\"");
        assertThat(Json.mapper().readValue("\"Case-Viewed\"", AuditEntry.Action.class)).isEqualTo(AuditEntry.Action.CASE_VIEWED);
    }

    @Test
    void anUnknownIdIsNamedWithTheIdsAllowed() {
        assertThatThrownBy(() -> Silence.Kind.of("person"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown silence kind 'person' (one of nip, candidate, region)");
    }
}
