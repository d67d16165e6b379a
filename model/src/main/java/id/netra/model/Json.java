package id.netra.model;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The one JSON configuration of Netra: ISO-8601 times with their offsets kept, unknown fields ignored
 * (old readers survive new writers), no pretty printing.
 */
public final class Json {
    private static final ObjectMapper MAPPER = builder(false).build();
    private static final ObjectMapper STRICT = builder(true)
            .withCoercionConfig(LogicalType.Textual, Json::refuseScalars)
            .withCoercionConfig(LogicalType.Enum, Json::refuseScalars)
            .withCoercionConfig(LogicalType.OtherScalar, Json::refuseScalars)
            .build();

    private Json() {
    }

    /** The shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * The mapper for what comes from outside in a documented format (posts): like {@link #mapper()}, but a number or a
     * boolean where the format says string, and a number where it says an ISO-8601 time, are refused instead of turned
     * into text or an epoch time, so a wrong field is reported rather than stored. Thread-safe; do not reconfigure it.
     */
    public static ObjectMapper strictMapper() {
        return STRICT;
    }

    private static JsonMapper.Builder builder(boolean strictTimes) {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                // After the JavaTimeModule, so it comes first: the same results, read faster.
                .addModule(OffsetDateTimeReader.module(strictTimes))
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }

    private static void refuseScalars(com.fasterxml.jackson.databind.cfg.MutableCoercionConfig c) {
        c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
    }
}
