package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.model.Json;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events for the open feed pages: {@code alert} when a new alert is in the feed, {@code case} when a case
 * opens or changes. Only ids and a kind go out, and only to listeners whose jurisdiction covers the event's region; a
 * listener whose session has ended is dropped. The page fetches what it may see through the API.
 */
final class LiveUpdates {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private record Listener(Predicate<String> maySee, BooleanSupplier open) {
    }

    private final Map<SseClient, Listener> clients = new ConcurrentHashMap<>();

    /**
     * @param maySee whether the listener may hear of something in a region (a Kemendagri code, or {@code null} when unknown)
     * @param open   whether the listener's session is still open
     */
    void join(SseClient client, Predicate<String> maySee, BooleanSupplier open) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.put(client, new Listener(maySee, open));
    }

    /** Tells every listener who may see {@code region} of {@code event}. */
    void publish(String event, Map<String, ?> data, String region) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        clients.forEach((c, listener) -> {
            if (!listener.open().getAsBoolean()) {
                clients.remove(c);
                c.close();
                return;
            }
            if (!listener.maySee().test(region)) {
                return;
            }
            try {
                c.sendEvent(event, json);
            } catch (RuntimeException e) {
                log.debug("A live client went away: {}", e.getMessage());
                clients.remove(c);
            }
        });
    }

    int size() {
        return clients.size();
    }
}
