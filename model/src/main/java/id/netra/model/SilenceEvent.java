package id.netra.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;

/**
 * An analyst setting or lifting a {@link Silence}. Value of the {@code silences} topic, keyed by silence id and kept
 * without limit: the silences in force are derived from these events, and every change stays auditable (who, when,
 * why).
 *
 * @param silence the silence set ({@link Type#CREATED})
 * @param reason  why it is lifted ({@link Type#LIFTED})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SilenceEvent(String silenceId, Type type, String actor, Instant at, Silence silence, String reason) {

    /** What happened. */
    public enum Type {
        CREATED, LIFTED;

        @JsonValue
        public String id() {
            return EnumIds.id(this);
        }

        @JsonCreator
        public static Type of(String id) {
            return EnumIds.of(Type.class, id, "silence event type");
        }
    }

    public SilenceEvent {
        Validate.notBlank(silenceId, "silenceId");
        Validate.notNull(type, "type");
        Validate.notBlank(actor, "actor");
        Validate.notNull(at, "at");
        if (type == Type.CREATED) {
            Validate.notNull(silence, "created: silence");
            Validate.isTrue(silence.id().equals(silenceId), "created: silence id differs from the event's");
        } else {
            Validate.notBlank(reason, "lifted: reason");
        }
    }
}
