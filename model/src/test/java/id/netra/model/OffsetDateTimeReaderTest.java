package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The fast reader of times gives what jackson-datatype-jsr310 gives: the same value, or the same error. */
class OffsetDateTimeReaderTest {
    /** Netra's mapper as it was before the fast reader. */
    private static final ObjectMapper STANDARD = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    record Timed(OffsetDateTime at) {
    }

    @Test
    void readsLikeTheStandardDeserializer() {
        List<String> texts = new ArrayList<>(List.of(
                "2024-11-20T08:15:00Z", "2024-11-20T08:15:00+07:00", "2024-11-20T08:15:00-03:30", "2024-11-20T08:15:00+00:00",
                "2024-11-20T08:15:00-00:00", "2024-11-20T08:15:00.1Z", "2024-11-20T08:15:00.123456789+09:00",
                "2024-11-20T08:15:00.1234567891Z", "2024-11-20T08:15:00.Z", "2024-11-20T08:15Z", "2024-11-20T08:15:00",
                "2024-11-20T08:15:00+0700", "2024-11-20T08:15:00+07", "2024-11-20T08:15:00+07:00:00", "2024-11-20t08:15:00z",
                " 2024-11-20T08:15:00Z", "2024-11-20T08:15:00Z ", "2024-02-29T00:00:00Z", "2023-02-29T00:00:00Z",
                "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z", "2024-04-31T00:00:00Z", "2024-11-20T24:00:00Z",
                "2024-11-20T23:60:00Z", "2024-11-20T23:59:60Z", "2024-11-20T08:15:00+19:00", "2024-11-20T08:15:00+18:00",
                "2024-11-20T08:15:00+05:60", "0000-01-01T00:00:00Z", "+12024-11-20T08:15:00Z", "2024-1-20T08:15:00Z",
                "2024-11-20 08:15:00Z", "2024-11-20T08:15:00.12a+07:00", "2024-11-20T08:15:0xZ", "", "not a time",
                "2024-11-20T08:15:00.000Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999-12:00"));
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            String frac = switch (random.nextInt(4)) {
                case 0 -> "";
                case 1 -> ".%03d".formatted(random.nextInt(1000));
                case 2 -> ".%09d".formatted(random.nextInt(1_000_000_000));
                default -> "." + "123456789".substring(0, 1 + random.nextInt(9));
            };
            String offset = switch (random.nextInt(3)) {
                case 0 -> "Z";
                case 1 -> "+%02d:%02d".formatted(random.nextInt(20), random.nextInt(4) * 15);
                default -> "-%02d:%02d".formatted(random.nextInt(20), random.nextInt(61));
            };
            texts.add("%04d-%02d-%02dT%02d:%02d:%02d%s%s".formatted(1900 + random.nextInt(200), random.nextInt(14),
                    random.nextInt(33), random.nextInt(25), random.nextInt(61), random.nextInt(61), frac, offset));
        }
        int fast = 0;
        for (String text : texts) {
            String json = "{\"at\":\"" + text + "\"}";
            assertThat(read(Json.mapper(), json)).as(text).isEqualTo(read(STANDARD, json));
            assertThat(read(Json.mapper(), "\"" + text + "\"")).as(text).isEqualTo(read(STANDARD, "\"" + text + "\""));
            if (OffsetDateTimeReader.parse(text) != null) {
                fast++;
                assertThat(OffsetDateTimeReader.parse(text).toString()).isEqualTo(read(STANDARD, "\"" + text + "\""));
            }
        }
        assertThat(fast).as("texts read on the fast path").isGreaterThan(texts.size() / 4);
    }

    @Test
    void readsNumbersAndNullsLikeTheStandardDeserializer() {
        for (String json : List.of("{\"at\":1732090500}", "{\"at\":1732090500.5}", "{\"at\":null}", "{}", "{\"at\":true}")) {
            assertThat(read(Json.mapper(), json)).as(json).isEqualTo(read(STANDARD, json));
        }
    }

    /** The value as text (with its offset), or the error's class and message. */
    private static String read(ObjectMapper mapper, String json) {
        try {
            if (json.startsWith("{")) {
                Timed t = mapper.readValue(json, Timed.class);
                return String.valueOf(t.at());
            }
            return String.valueOf(mapper.readValue(json, OffsetDateTime.class));
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
