package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class NipTest {
    static final LocalDate TODAY = LocalDate.parse("2024-11-01");

    @Test
    void acceptsAPlausibleNip() {
        assertThat(Nip.problem("198501012010011001", TODAY)).isEmpty();
        assertThat(Nip.problem("199612312024022001", TODAY)).isEmpty();
    }

    @Test
    void namesWhatIsWrong() {
        assertThat(Nip.problem("19850101201001100", TODAY)).hasValueSatisfying(p -> assertThat(p).contains("not 18 digits"));
        assertThat(Nip.problem("19850230201001100X", TODAY)).hasValueSatisfying(p -> assertThat(p).contains("not 18 digits"));
        assertThat(Nip.problem("198502302010011001", TODAY)).hasValueSatisfying(p -> assertThat(p).contains("birth date 19850230"));
        assertThat(Nip.problem("198501012010001001", TODAY)).hasValueSatisfying(p -> assertThat(p).contains("start date 201000"));
        assertThat(Nip.problem("198501012010010001", TODAY)).hasValueSatisfying(p -> assertThat(p).contains("sex digit is 0"));
        assertThat(Nip.problem("193001011960011001", TODAY)).hasValueSatisfying(p -> assertThat(p).contains("not that of someone in service"));
        assertThat(Nip.problem("201001012028011001", TODAY)).hasValueSatisfying(p -> assertThat(p).contains("not that of someone in service"));
        assertThat(Nip.problem("198501012030011001", TODAY)).hasValueSatisfying(p -> assertThat(p).contains("in the future"));
    }
}
