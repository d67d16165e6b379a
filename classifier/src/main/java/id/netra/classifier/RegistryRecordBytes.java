package id.netra.classifier;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import id.netra.model.Json;
import java.io.IOException;

/**
 * Reads one field of a registry record (the JSON of an {@link id.netra.model.AsnRecord}) without building the record:
 * the classifier needs only the author's region to decide, and the whole record only for an alert.
 */
final class RegistryRecordBytes {
    private static final JsonFactory FACTORY = Json.mapper().getFactory();

    private RegistryRecordBytes() {
    }

    /**
     * The record's {@code regionCode} as the mapper would read it (the last one, should the key repeat), or null when
     * the bytes are not a JSON object with a string there: then only reading the whole record can tell what is wrong.
     */
    static String regionCode(byte[] json) {
        return json == null ? null : regionCode(json, 0, json.length);
    }

    /** {@link #regionCode(byte[])} of the record in {@code json[offset, offset + length)}. */
    static String regionCode(byte[] json, int offset, int length) {
        if (json == null) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(json, offset, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String region = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                boolean wanted = "regionCode".equals(p.currentName());
                JsonToken v = p.nextToken();
                if (wanted) {
                    region = v == JsonToken.VALUE_STRING ? p.getText() : null;
                } else {
                    p.skipChildren();
                }
            }
            // The object must end where the record does: anything else is for the full reader to judge.
            return t == JsonToken.END_OBJECT && p.nextToken() == null ? region : null;
        } catch (IOException e) {
            return null;
        }
    }
}
