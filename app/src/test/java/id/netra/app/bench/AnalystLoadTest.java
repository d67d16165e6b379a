package id.netra.app.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How the analysts find the next page in whatever form an implementation of the alerts service offers it. */
class AnalystLoadTest {
    private final AnalystLoad load = new AnalystLoad(null);

    @Test
    void putsACursorValueIntoTheSameQueryAsAfter() {
        assertThat(load.cursor("/api/cases?status=OPEN&limit=50", "{\"cases\":[],\"next\":\"NTR-2024-000042\"}"))
                .isEqualTo("/api/cases?status=OPEN&limit=50&after=NTR-2024-000042");
        assertThat(load.cursor("/api/cases?status=OPEN&limit=50&after=a", "{\"page\":{\"nextCursor\":\"b c\"}}"))
                .isEqualTo("/api/cases?status=OPEN&limit=50&after=b+c");
        assertThat(load.cursorsOffered()).isEqualTo(2);
    }

    @Test
    void followsANextAddressAsGiven() {
        assertThat(load.cursor("/api/cases?limit=50", "{\"next\":\"/api/cases?limit=50&after=xyz\"}")).isEqualTo("/api/cases?limit=50&after=xyz");
    }

    @Test
    void countsAnAnswerWithoutCursorAsAbsent() {
        assertThat(load.cursor("/api/cases?limit=50", "{\"total\":3,\"cases\":[]}")).isNull();
        assertThat(load.cursor("/api/cases?limit=50", "{\"next\":null}")).isNull();
        assertThat(load.nextLink("<html><a href=\"/kasus/NTR-2024-000001\">kasus</a></html>")).isNull();
        assertThat(load.cursorsAbsent()).isEqualTo(3);
    }

    @Test
    void findsThePagesLinkWithAfter() {
        assertThat(load.nextLink("<a class=\"next\" href=\"/kasus?severity=HIGH&amp;after=NTR-2024-000200\">Berikutnya</a>"))
                .isEqualTo("/kasus?severity=HIGH&amp;after=NTR-2024-000200");
    }
}
