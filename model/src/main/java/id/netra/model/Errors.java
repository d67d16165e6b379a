package id.netra.model;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/** Turns parse exceptions into the short reasons shown to operators and stored in dead letters. */
public final class Errors {
    private Errors() {
    }

    /**
     * A one-line reason: for a value a record constructor refused, its message (e.g. "postId is missing");
     * for broken JSON, Jackson's message without the source excerpt.
     */
    public static String describe(Throwable e) {
        Throwable t = e;
        if (t instanceof ValueInstantiationException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof JsonProcessingException jpe) {
            String msg = jpe.getOriginalMessage();
            return msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
        }
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg);
    }
}
