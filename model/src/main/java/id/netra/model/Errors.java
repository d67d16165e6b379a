package id.netra.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.stream.Collectors;

/** Turns parse exceptions into the short reasons shown to operators and stored in dead letters. */
public final class Errors {
    private Errors() {
    }

    /**
     * A one-line reason: for a value a record constructor refused, its message (e.g. "postId is missing");
     * for broken JSON, Jackson's message without the source excerpt; for a value of the wrong type, the field's path
     * first ({@code postId: Cannot coerce Integer value (123) to `java.lang.String` value}).
     */
    public static String describe(Throwable e) {
        Throwable t = e;
        if (t instanceof ValueInstantiationException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof JsonProcessingException jpe) {
            String msg = jpe.getOriginalMessage();
            if (msg == null) {
                return t.getClass().getSimpleName();
            }
            String line = msg.lines().findFirst().orElse(msg).replace(" (but could if coercion was enabled using `CoercionConfig`)", "");
            if (t instanceof MismatchedInputException mie && !mie.getPath().isEmpty()) {
                return path(mie) + ": " + line;
            }
            return line;
        }
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }
}
