package id.netra.ingest.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a limit. Past the limit it either stops reading and fails with
 * {@link TooLarge} or, for robots.txt, keeps what it has. A declared {@code Content-Length} above the limit is
 * refused before a byte of the body is read.
 */
final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final long max;
    private final boolean truncate;
    private final boolean declaredTooLarge;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private volatile Flow.Subscription subscription;

    /** The body is larger than allowed. */
    static final class TooLarge extends IOException {
        TooLarge(String message) {
            super(message);
        }
    }

    LimitedBody(long max, boolean truncate, OptionalLong contentLength) {
        this.max = max;
        this.truncate = truncate;
        this.declaredTooLarge = !truncate && contentLength.isPresent() && contentLength.getAsLong() > max;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (declaredTooLarge) {
            s.cancel();
            result.completeExceptionally(new TooLarge("declared Content-Length above " + max + " bytes"));
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : items) {
            int n = buffer.remaining();
            if (out.size() + (long) n > max) {
                subscription.cancel();
                if (truncate) {
                    write(buffer, (int) (max - out.size()));
                    result.complete(out.toByteArray());
                } else {
                    result.completeExceptionally(new TooLarge("body above " + max + " bytes"));
                }
                return;
            }
            write(buffer, n);
        }
        subscription.request(1);
    }

    private void write(ByteBuffer buffer, int n) {
        byte[] bytes = new byte[n];
        buffer.get(bytes);
        out.write(bytes, 0, n);
    }

    @Override
    public void onError(Throwable t) {
        result.completeExceptionally(t);
    }

    @Override
    public void onComplete() {
        result.complete(out.toByteArray());
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return result;
    }

    /** Stops reading (a timeout or an interrupt); the connection is closed rather than drained. */
    void abort() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }
}
