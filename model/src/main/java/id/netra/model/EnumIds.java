package id.netra.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How Netra's enums appear in JSON and on command lines: the constant's name in lower case with hyphens
 * ({@code ALERT_ADDED} -> {@code alert-added}); either spelling is read back, in any case.
 */
public final class EnumIds {
    private EnumIds() {
    }

    /** The id of a constant: {@code ALERT_ADDED} -> {@code alert-added}. */
    public static String id(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant with this id or name.
     *
     * @param what what the constant is, for the error, e.g. {@code case event type}
     * @throws IllegalArgumentException naming the value and the ids allowed
     */
    public static <E extends Enum<E>> E of(Class<E> type, String id, String what) {
        for (E e : type.getEnumConstants()) {
            if (id(e).equalsIgnoreCase(id) || e.name().equalsIgnoreCase(id)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + id + "' (one of "
                + Arrays.stream(type.getEnumConstants()).map(EnumIds::id).collect(Collectors.joining(", ")) + ")");
    }
}
