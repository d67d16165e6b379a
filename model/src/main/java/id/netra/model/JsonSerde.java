package id.netra.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A JSON serde for one record type. Null in, null out (tombstones pass through); bytes that are not a valid
 * {@code T} throw Kafka's {@link SerializationException}, so a Streams deserialization handler can route the
 * record to a dead-letter topic.
 */
public final class JsonSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {
    private final Class<T> type;
    // Bound to the type once: readValue(bytes, type) and writeValueAsBytes look the type's (de)serializer up per call.
    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final java.util.function.UnaryOperator<T> check;

    public JsonSerde(Class<T> type) {
        this(type, Json.mapper(), java.util.function.UnaryOperator.identity());
    }

    /**
     * A serde that reads with {@code readWith} (e.g. {@link Json#strictMapper()}) and then passes each value through
     * {@code check}, whose {@link IllegalArgumentException} makes the bytes unreadable like a JSON error; it writes with
     * {@link Json#mapper()}.
     */
    public JsonSerde(Class<T> type, ObjectMapper readWith, java.util.function.UnaryOperator<T> check) {
        this.type = Validate.notNull(type, "type");
        this.check = Validate.notNull(check, "check");
        ObjectMapper mapper = Json.mapper();
        this.reader = readWith.readerFor(type);
        // A final type (every record) is written as itself; another as what the value is, as writeValueAsBytes does.
        this.writer = java.lang.reflect.Modifier.isFinal(type.getModifiers()) ? mapper.writerFor(type) : mapper.writer();
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            return writer.writeValueAsBytes(data);
        } catch (IOException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " as JSON for topic " + topic, e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            T value = reader.readValue(data);
            if (value == null) {
                throw new SerializationException("JSON null is not a " + type.getSimpleName() + " (topic " + topic + ")");
            }
            return check.apply(value);
        } catch (IOException | IllegalArgumentException e) {
            throw new SerializationException("Not a valid " + type.getSimpleName() + " (topic " + topic + "): "
                    + Errors.describe(e), e);
        }
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the mapper is shared and fixed.
    }

    @Override
    public void close() {
        // Nothing to release.
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }
}
