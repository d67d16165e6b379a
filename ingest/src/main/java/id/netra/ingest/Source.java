package id.netra.ingest;

import id.netra.model.Post;
import java.io.IOException;

/**
 * Anything that yields public posts: a followed JSONL file today; web pages, feeds and APIs later. A source is
 * polled repeatedly by {@link IngestService}; each poll hands what is new to a {@link Sink}: valid posts, and
 * records that could not be made into a post, with the reason. A source never throws for one bad record.
 */
public interface Source extends AutoCloseable {

    /** A short id for logs and dead letters, e.g. {@code jsonl:/data/inbox}. */
    String id();

    /**
     * Reads what is new since the last poll, at most {@code limit} records (the rest waits for the next poll).
     *
     * @return the number of records handed to the sink (posts and rejects)
     * @throws IOException when the source as a whole cannot be read (e.g. its folder vanished); the service logs
     *                     it and polls again later
     */
    int poll(Sink sink, int limit) throws IOException;

    /**
     * Called after everything handed to the sink so far is acknowledged by Kafka: a source that keeps its position
     * durably saves it now. The default keeps nothing.
     */
    default void checkpoint() throws IOException {
    }

    @Override
    default void close() throws IOException {
    }

    /** Receives what a source found. */
    interface Sink {
        /** A valid post; {@code origin} says where it was read, e.g. {@code posts.jsonl:12}. */
        void post(Post post, String origin);

        /** A record that is not a valid post: {@code payload} as read, {@code reason} one line. */
        void reject(String origin, String payload, String reason);
    }
}
