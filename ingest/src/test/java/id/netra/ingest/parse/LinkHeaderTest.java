package id.netra.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {

    @Test
    void readsMastodonsNextAndPrevLinksAndTheirPagingParameters() {
        LinkHeader links = LinkHeader.parse("<https://mastodon.example/api/v1/statuses/109419880690343548/favourited_by?limit=1&max_id=53286827>; "
                + "rel=\"next\", <https://mastodon.example/api/v1/statuses/109419880690343548/favourited_by?limit=1&since_id=53286827>; rel=\"prev\"");

        assertThat(links.param("next", "max_id")).isEqualTo("53286827");
        assertThat(links.param("prev", "since_id")).isEqualTo("53286827");
        assertThat(links.param("prev", "max_id")).isNull();
        assertThat(links.link("next")).hasToString("https://mastodon.example/api/v1/statuses/109419880690343548/favourited_by?limit=1&max_id=53286827");
    }

    @Test
    void toleratesSeveralRelationsUnquotedValuesAndNoHeader() {
        LinkHeader links = LinkHeader.parse("<https://a.example/x?min_id=9>;rel=prev;title=\"earlier, newer\" , <https://a.example/y>; rel=\"next last\"");

        assertThat(links.param("prev", "min_id")).isEqualTo("9");
        assertThat(links.link("last")).hasToString("https://a.example/y");
        assertThat(LinkHeader.parse(null).link("next")).isNull();
        assertThat(LinkHeader.parse("garbage").link("next")).isNull();
    }
}
