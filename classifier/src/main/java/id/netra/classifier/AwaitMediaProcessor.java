package id.netra.classifier;

import id.netra.model.Account;
import id.netra.model.JsonSerde;
import id.netra.model.MediaText;
import id.netra.model.Post;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Holds a post with pictures back until the text of its pictures comes from the media stage, for at most
 * {@code classifier.media-wait}, and then hands it on to be decided, following {@link MediaWait}: with its media text when
 * that came in time (by the records' timestamps), else without it, and again with it when it comes later. Posts without
 * pictures, posts whose author is no registered ASN's account, and every post when the rule data does not read pictures
 * pass at once.
 *
 * <p>State is in two stores, both persistent and logged (restored after a crash; exactly-once like the rest): what waits,
 * by the post version's key ({@link Waiting}), and an index of the times something is due, by
 * {@code <zero-padded epoch ms>|<version key>}, scanned once a second (wall-clock punctuation, so a quiet feed or a
 * stopped media stage never keeps a post waiting). A post whose wait is over is decided without its media text once a
 * media text recorded after its deadline was seen (then none in time can come, in timestamp order) or, when the media
 * stage writes nothing (it is down), once the wait is over twice. A media text that comes before its post waits for it as
 * long, then is dropped (its post's author is no ASN's, so the post was not held).
 */
final class AwaitMediaProcessor implements Processor<String, MediaArrival, String, ToClassify> {
    static final String WAITING = "media-waiting";
    static final String DUE = "media-due";
    private static final JsonSerde<Waiting> WAITINGS = new JsonSerde<>(Waiting.class);

    /**
     * What waits for a post version: the post (from when it came, {@code postTime} its record's timestamp) and/or its
     * media text ({@code mediaTime}); {@code decidedWithout} once the post was decided without it; {@code due} when the
     * entry is next looked at.
     */
    record Waiting(Post post, long postTime, MediaText mediaText, long mediaTime, boolean decidedWithout, long due) {
    }

    private final String accountStore;
    private final boolean readsPictures;
    private final Duration wait;
    private final Duration keep;
    private ProcessorContext<String, ToClassify> context;
    private KeyValueStore<String, byte[]> waiting;
    private KeyValueStore<String, String> due;
    private ReadOnlyKeyValueStore<String, byte[]> accounts;
    private long latestMediaTime = Long.MIN_VALUE;

    AwaitMediaProcessor(String accountStore, boolean readsPictures, Duration wait, Duration keep) {
        this.accountStore = accountStore;
        this.readsPictures = readsPictures;
        this.wait = wait;
        this.keep = keep;
    }

    @Override
    public void init(ProcessorContext<String, ToClassify> context) {
        this.context = context;
        this.waiting = context.getStateStore(WAITING);
        this.due = context.getStateStore(DUE);
        this.accounts = context.getStateStore(accountStore);
        context.schedule(Duration.ofSeconds(1), PunctuationType.WALL_CLOCK_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, MediaArrival> record) {
        if (record.value().post() != null) {
            post(record.value().post(), record.timestamp());
        } else if (readsPictures) {
            media(record.value().mediaText(), record.timestamp());
        }
    }

    private void post(Post post, long tp) {
        // The author is looked up only for a post with pictures: the others pass on at once, as before media texts existed.
        if (!readsPictures || MediaText.pictures(post).isEmpty()
                || accounts.get(Account.lookupKey(post.platform(), post.author().handle())) == null) {
            // Without an ASN's account the post gives no alert: it is handed on (and dropped there) as before.
            forward(post, null, false, tp);
            return;
        }
        String key = post.versionKey();
        Waiting w = get(key);
        if (w != null && w.mediaText() != null && w.post() == null) {
            remove(key, w);
            decide(post, tp, w.mediaText(), w.mediaTime());
            return;
        }
        if (w != null) {
            // The same version again (a reprocessing): what was decided stands.
            return;
        }
        put(key, new Waiting(post, tp, null, 0, false, tp + wait.toMillis()));
    }

    private void media(MediaText m, long tm) {
        latestMediaTime = Math.max(latestMediaTime, tm);
        String key = m.versionKey();
        Waiting w = get(key);
        if (w == null) {
            put(key, new Waiting(null, 0, m, tm, false, context.currentSystemTimeMs() + 2 * wait.toMillis()));
            return;
        }
        if (w.post() == null) {
            return;
        }
        remove(key, w);
        if (w.decidedWithout()) {
            if (MediaWait.notTooLate(w.postTime(), tm, keep)) {
                forward(w.post(), m, true, w.postTime());
            }
            return;
        }
        decide(w.post(), w.postTime(), m, tm);
    }

    /** Post and media text are both here: one decision with it, or (late) one without and one with it. */
    private void decide(Post post, long tp, MediaText m, long tm) {
        if (MediaWait.inTime(tp, tm, wait)) {
            forward(post, m, false, tp);
            return;
        }
        forward(post, null, false, tp);
        if (MediaWait.notTooLate(tp, tm, keep)) {
            forward(post, m, true, tp);
        }
    }

    private void punctuate(long now) {
        List<KeyValue<String, String>> dueNow = new ArrayList<>();
        try (KeyValueIterator<String, String> it = due.range(dueKey(0, ""), dueKey(now, "\uffff"))) {
            it.forEachRemaining(dueNow::add);
        }
        for (KeyValue<String, String> d : dueNow) {
            Waiting w = get(d.value);
            if (w == null) {
                due.delete(d.key);
                continue;
            }
            if (w.post() == null || w.decidedWithout()) {
                // A media text whose post did not come, or a post decided without its media text long enough ago.
                remove(d.value, w);
                continue;
            }
            long deadline = w.postTime() + wait.toMillis();
            if (latestMediaTime <= deadline && now < deadline + wait.toMillis()) {
                continue;
            }
            forward(w.post(), null, false, w.postTime());
            due.delete(d.key);
            put(d.value, new Waiting(w.post(), w.postTime(), null, 0, true, w.postTime() + keep.toMillis()));
        }
    }

    private void forward(Post post, MediaText m, boolean edit, long timestamp) {
        context.forward(new Record<>(post.key(), new ToClassify(post, m, edit), timestamp));
    }

    private Waiting get(String key) {
        byte[] bytes = waiting.get(key);
        return bytes == null ? null : WAITINGS.deserialize(WAITING, bytes);
    }

    private void put(String key, Waiting w) {
        waiting.put(key, WAITINGS.serialize(WAITING, w));
        due.put(dueKey(w.due(), key), key);
    }

    private void remove(String key, Waiting w) {
        waiting.delete(key);
        due.delete(dueKey(w.due(), key));
    }

    private static String dueKey(long at, String key) {
        return String.format("%019d|%s", Math.max(0, at), key);
    }
}
