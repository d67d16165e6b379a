package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import id.netra.model.Severity;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RulesTest {
    @Test
    void theFirstRowWhoseConditionsHoldDecides() {
        Rules rules = Rules.load("rules-v2");

        assertThat(rules.decide(Set.of("neutral", "call")).rule()).isEqualTo("neutral-context");
        assertThat(rules.decide(Set.of("call", "only-parties")).rule()).isEqualTo("party-promotion");
        assertThat(rules.decide(Set.of("call")).rule()).isEqualTo("call-to-vote");
        assertThat(rules.decide(Set.of("interaction", "comment", "cheer")).severity()).isEqualTo(Severity.HIGH);
        assertThat(rules.decide(Set.of("interaction", "reaction", "reaction-positive")).rule()).isEqualTo("reaction-campaign");
        assertThat(rules.decide(Set.of("interaction", "reaction")).rule()).isEqualTo("interaction-mention");
        assertThat(rules.decide(Set.of()).rule()).isEqualTo("watchlist-mention");
    }

    @Test
    void everyRuleTheTableDecidesHasAFormOfViolation() {
        for (String version : Lexicons.RULES) {
            Rules rules = Rules.load(version);
            assertThat(rules.ids()).allSatisfy(id -> assertThat(rules.violation(id).form()).isNotBlank());
        }
        assertThat(Rules.load("rules-v1").ids()).containsExactlyInAnyOrderElementsOf(Rules.IDS);
    }

    @Test
    void theFirstRulesReadTheTextOnlyAndTheSecondAlsoTargetsAndAltTexts() {
        assertThat(Rules.load("rules-v1").reads("target")).isFalse();
        assertThat(Rules.load("rules-v1").engine()).isEqualTo(1);
        assertThat(Rules.load("rules-v2").reads("target")).isTrue();
        assertThat(Rules.load("rules-v2").reads("media-alt")).isTrue();
        assertThat(Rules.load("rules-v2").reaction("Love")).isEqualTo("positive");
    }

    @Test
    void aBrokenTableIsRefusedNamingTheProblem() {
        assertThatThrownBy(() -> Rules.load("rules-vtest-unknown-feature")).hasMessageContaining("decision 1")
                .hasMessageContaining("unknown feature 'supportt'");
        assertThatThrownBy(() -> Rules.load("rules-vtest-no-default")).hasMessageContaining("the last decision must have no conditions");
        assertThatThrownBy(() -> Rules.load("rules-vtest-undescribed")).hasMessageContaining("rule 'y' has no entry");
        assertThatThrownBy(() -> Rules.load("rules-v999")).hasMessageContaining("rules-v999");
    }
}
