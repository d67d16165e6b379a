package id.netra.alerts.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PasswordHashTest {
    @Test
    void verifiesTheRightPasswordAndRefusesAWrongOne() {
        String stored = PasswordHash.hash("benar-sekali".toCharArray(), 1000);

        assertThat(PasswordHash.verify("benar-sekali".toCharArray(), stored)).isTrue();
        assertThat(PasswordHash.verify("benar-sekalI".toCharArray(), stored)).isFalse();
        assertThat(PasswordHash.verify(new char[] {'x'}, stored)).isFalse();
    }

    @Test
    void keepsTheIterationCountAndASaltInTheHashSoTwoHashesOfOnePasswordDiffer() {
        String a = PasswordHash.hash("sama".toCharArray(), 1234);
        String b = PasswordHash.hash("sama".toCharArray(), 1234);

        assertThat(a).startsWith("pbkdf2-sha256$1234$").isNotEqualTo(b);
        assertThat(PasswordHash.iterations(a)).isEqualTo(1234);
        assertThat(PasswordHash.verify("sama".toCharArray(), b)).isTrue();
    }

    @Test
    void usesAtLeastTheProductionIterationCountByDefault() {
        assertThat(PasswordHash.iterations(PasswordHash.hash("kuat".toCharArray()))).isGreaterThanOrEqualTo(210_000);
    }

    @Test
    void matchesPbkdf2Sha256AsComputedElsewhere() {
        // Computed independently with Python's hashlib.pbkdf2_hmac('sha256', b'passwd', b'saltsalt', 2, 32).
        String stored = "pbkdf2-sha256$2$c2FsdHNhbHQ$nePjM75NrquRh/vGhA50Kx0pXhgDZNUqXNbQsWopqzY";

        assertThat(PasswordHash.verify("passwd".toCharArray(), stored)).isTrue();
    }

    @Test
    void refusesMalformedHashesWithAReasonThatDoesNotEchoThem() {
        assertThatThrownBy(() -> PasswordHash.check("rahasia")).hasMessageContaining("must look like pbkdf2-sha256$").hasMessageNotContaining("rahasia");
        assertThatThrownBy(() -> PasswordHash.check("pbkdf2-sha256$0$c2FsdHNhbHQ$AAAAAAAAAAAAAAAAAAAAAA")).hasMessageContaining("iteration count");
        assertThatThrownBy(() -> PasswordHash.check("pbkdf2-sha256$10$!!$AAAAAAAAAAAAAAAAAAAAAA")).hasMessageContaining("not base64");
        assertThatThrownBy(() -> PasswordHash.check(null)).hasMessageContaining("missing");
        assertThatThrownBy(() -> PasswordHash.hash(new char[0], 10)).hasMessageContaining("empty");
    }
}
