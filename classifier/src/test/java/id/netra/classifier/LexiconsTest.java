package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LexiconsTest {
    @Test
    void everyBundledCombinationLoadsAndNamesItself() {
        for (String cues : Lexicons.CUES) {
            for (String slang : Lexicons.SLANG) {
                for (String rules : Lexicons.RULES) {
                    String v = cues + "+" + slang + "+" + rules;
                    assertThat(Lexicons.classifier(v).lexiconVersion()).isEqualTo(v);
                }
            }
        }
    }

    @Test
    void theCurrentCombinationIsWhatTheLiveClassifierRecords() {
        assertThat(Lexicons.current()).isEqualTo(Fixtures.CLASSIFIER.lexiconVersion());
    }

    @Test
    void anUnknownVersionIsRefusedListingTheBundledOnes() {
        assertThatThrownBy(() -> Lexicons.classifier("cues-v9+slang-v1+rules-v1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cues-v9").hasMessageContaining("cues-v1, cues-v2");
        assertThatThrownBy(() -> Lexicons.classifier("cues-v2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("<cues>+<slang>+<rules>");
    }
}
