package id.netra.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import id.netra.model.Json;
import io.javalin.http.sse.SseClient;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-sent events for the open feed pages: {@code alert} when a new alert is in the feed, {@code case} when a case
 * opens or changes. Only ids and a kind go out; the page fetches what it may see through the API.
 */
final class LiveUpdates {
    private static final Logger log = LoggerFactory.getLogger(LiveUpdates.class);

    private final Set<SseClient> clients = ConcurrentHashMap.newKeySet();

    void join(SseClient client) {
        client.keepAlive();
        client.onClose(() -> clients.remove(client));
        clients.add(client);
    }

    void publish(String event, Map<String, ?> data) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (SseClient c : clients) {
            try {
                c.sendEvent(event, json);
            } catch (RuntimeException e) {
                log.debug("A live client went away: {}", e.getMessage());
                clients.remove(c);
            }
        }
    }

    int size() {
        return clients.size();
    }
}
