package id.netra.alerts;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the next poll's records (from JSON) on a thread of its own while the caller stores the poll before: reading a
 * record costs about as much as storing it, and the store writes on one core.
 */
final class ParseAhead implements AutoCloseable {
    private final ExecutorService thread;

    ParseAhead(String threadName) {
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    <T> Future<T> submit(Callable<T> work) {
        return thread.submit(work);
    }

    /** What {@code read} returned, or what it threw. */
    static <T> T await(Future<T> read) throws InterruptedException {
        try {
            return read.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
