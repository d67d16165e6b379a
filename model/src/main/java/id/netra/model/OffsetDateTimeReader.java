package id.netra.model;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Reads {@link OffsetDateTime} the way jackson-datatype-jsr310 does, with a fast path for the one form Netra writes
 * ({@code 2024-11-20T08:15:00Z}, {@code 2024-11-20T08:15:00.123+07:00}): {@link java.time.format.DateTimeFormatter}
 * is a generic parser and took a third of the time spent reading a post. Anything else (other forms, invalid values,
 * numbers, a property with its own {@code @JsonFormat}) goes to the standard deserializer, so results and errors are
 * the same as before.
 */
final class OffsetDateTimeReader extends StdScalarDeserializer<OffsetDateTime> implements ContextualDeserializer {
    private final JsonDeserializer<OffsetDateTime> standard;
    private final boolean strict;

    private OffsetDateTimeReader(JsonDeserializer<OffsetDateTime> standard, boolean strict) {
        super(OffsetDateTime.class);
        this.standard = standard;
        this.strict = strict;
    }

    /**
     * A module that puts this reader in front of the standard one; register it after the {@code JavaTimeModule}.
     *
     * @param strict refuse a number (an epoch time) instead of reading it: a documented format wants ISO-8601 text
     */
    static SimpleModule module(boolean strict) {
        SimpleModule m = new SimpleModule("netra-offset-date-time") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addDeserializers(new Deserializers.Base() {
                    @Override
                    public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config, BeanDescription beanDesc) {
                        return type.hasRawClass(OffsetDateTime.class) ? new OffsetDateTimeReader(InstantDeserializer.OFFSET_DATE_TIME, strict) : null;
                    }
                });
            }
        };
        return m;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) throws JsonMappingException {
        @SuppressWarnings("unchecked")
        JsonDeserializer<OffsetDateTime> contextual = standard instanceof ContextualDeserializer c
                ? (JsonDeserializer<OffsetDateTime>) c.createContextual(ctxt, property) : standard;
        JsonFormat.Value format = findFormatOverrides(ctxt, property, OffsetDateTime.class);
        if (format != null && (format.hasPattern() || format.hasTimeZone() || format.hasLenient() || format.hasShape()
                || format.getFeature(JsonFormat.Feature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE) != null)) {
            return contextual;
        }
        return new OffsetDateTimeReader(contextual, strict);
    }

    @Override
    public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.hasToken(JsonToken.VALUE_STRING) && !ctxt.isEnabled(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)) {
            OffsetDateTime t = parse(p.getText());
            if (t != null) {
                return t;
            }
        }
        if (strict && (p.hasToken(JsonToken.VALUE_NUMBER_INT) || p.hasToken(JsonToken.VALUE_NUMBER_FLOAT))) {
            return (OffsetDateTime) ctxt.handleUnexpectedToken(OffsetDateTime.class, p.currentToken(), p,
                    "a number (%s) is the wrong type for a time: write it as ISO-8601 text with its offset, e.g. 2024-11-12T19:05:00+07:00", p.getText());
        }
        return standard.deserialize(p, ctxt);
    }

    /**
     * {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|+HH:MM|-HH:MM)} with valid values, or null (then the standard parser
     * decides, and names the error).
     */
    static OffsetDateTime parse(String s) {
        int n = s.length();
        if (n < 20 || s.charAt(4) != '-' || s.charAt(7) != '-' || s.charAt(10) != 'T' || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hour = digits(s, 11, 2);
        int minute = digits(s, 14, 2);
        int second = digits(s, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int i = 19;
        int nanos = 0;
        if (s.charAt(i) == '.') {
            int start = ++i;
            while (i < n && i - start < 9 && isDigit(s.charAt(i))) {
                nanos = nanos * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || (i < n && isDigit(s.charAt(i)))) {
                return null;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        ZoneOffset offset;
        if (i == n - 1 && s.charAt(i) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (i == n - 6 && (s.charAt(i) == '+' || s.charAt(i) == '-') && s.charAt(i + 3) == ':') {
            int h = digits(s, i + 1, 2);
            int m = digits(s, i + 4, 2);
            if ((h | m) < 0) {
                return null;
            }
            int sign = s.charAt(i) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * h, sign * m);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nanos, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** The number written with {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String s, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = s.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
