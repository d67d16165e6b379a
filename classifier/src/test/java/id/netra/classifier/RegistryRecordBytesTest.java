package id.netra.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import id.netra.model.Json;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The region read from a registry record's bytes is the one the whole record has, or none (then it is read whole). */
class RegistryRecordBytesTest {
    private static String region(String json) {
        return RegistryRecordBytes.regionCode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheRegionOfARecordAsTheMapperWrites() throws Exception {
        byte[] json = Json.mapper().writeValueAsBytes(Fixtures.RUDI);
        assertThat(RegistryRecordBytes.regionCode(json)).isEqualTo(Fixtures.RUDI.regionCode());
    }

    @Test
    void takesTheLastOfARepeatedKeyLikeTheMapper() {
        assertThat(region("{\"regionCode\":\"18\",\"accounts\":[{\"platform\":\"x\",\"handle\":\"a\"}],\"regionCode\":\"18.72\"}"))
                .isEqualTo("18.72");
    }

    @Test
    void leavesAnythingUnusualToTheFullReader() {
        assertThat(region("{\"regionCode\":18}")).isNull();
        assertThat(region("{\"regionCode\":null}")).isNull();
        assertThat(region("{\"name\":\"x\"}")).isNull();
        assertThat(region("{\"regionCode\":\"18\"")).isNull();
        assertThat(region("{\"regionCode\":\"18\"} trailing")).isNull();
        assertThat(region("[\"regionCode\"]")).isNull();
        assertThat(region("not json")).isNull();
        assertThat(RegistryRecordBytes.regionCode(null)).isNull();
    }
}
