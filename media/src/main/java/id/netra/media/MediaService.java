package id.netra.media;

import id.netra.ingest.http.PoliteFetcher;
import id.netra.model.Capture;
import id.netra.model.DeadLetter;
import id.netra.model.JsonSerde;
import id.netra.model.MediaText;
import id.netra.model.Post;
import id.netra.ops.FatalSignal;
import id.netra.ops.Health;
import id.netra.ops.Metrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The media stage: reads {@code posts}; for each version of a post with pictures ({@link MediaText#pictures}), fetches,
 * checks, captures and reads each picture ({@link PictureReader}) and writes one {@link MediaText} to {@code media-text}
 * under the post's key, the pictures' bytes to {@code captures} (source {@code media}) and every refused picture to
 * {@code posts-dlq} with the reason. Exactly once: what a batch of posts gave and the batch's consumed offsets are one
 * Kafka transaction (consumer group {@code media.group-id}). A bad picture never stops it; a post that cannot be read is
 * left to the classifier, which dead-letters it.
 */
public final class MediaService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MediaService.class);
    private static final JsonSerde<Post> POSTS = new JsonSerde<>(Post.class);
    private static final JsonSerde<MediaText> MEDIA_TEXTS = new JsonSerde<>(MediaText.class);
    private static final JsonSerde<Capture> CAPTURES = new JsonSerde<>(Capture.class);
    private static final JsonSerde<DeadLetter> DEAD_LETTERS = new JsonSerde<>(DeadLetter.class);

    private final MediaConfig config;
    private final Clock clock;
    private final Metrics metrics = new Metrics("media");
    private final MediaMeters meters = new MediaMeters(metrics.registry());
    private final FatalSignal fatal = new FatalSignal();
    private final Health health = new Health();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicLong postsRead = new AtomicLong();
    private final AtomicInteger assigned = new AtomicInteger();
    private final PoliteFetcher fetcher;
    private final TesseractOcr ocr;
    private final PictureReader reader;
    private final ExecutorService fetchPool;
    private KafkaConsumer<String, byte[]> consumer;
    private KafkaProducer<String, byte[]> producer;
    private Thread loop;

    public MediaService(MediaConfig config) {
        this(config, Clock.systemUTC());
    }

    public MediaService(MediaConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.ocr = new TesseractOcr(config.languages(), config.tessdata(), config.threads(), config.ocrTimeout(), config.minConfidence());
        this.fetcher = new PoliteFetcher(clock);
        this.reader = new PictureReader(fetcher, config.http(), new ImageGuard(config.maxPixels(), config.maxSide()), ocr, meters);
        AtomicInteger n = new AtomicInteger();
        this.fetchPool = Executors.newFixedThreadPool(config.fetchThreads(), r -> {
            Thread t = new Thread(r, "netra-media-picture-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        health.liveness("pictures", () -> !fatal.raised())
                .readiness("posts-assigned", () -> running.get() && assigned.get() > 0);
    }

    /** Liveness: {@code pictures} DOWN once the stage failed for good. Readiness: partitions of {@code posts} assigned. */
    public Health health() {
        return health;
    }

    public Metrics metrics() {
        return metrics;
    }

    public FatalSignal fatal() {
        return fatal;
    }

    /** Records of {@code posts} handled since the start (committed or not). */
    public long postsRead() {
        return postsRead.get();
    }

    /** The OCR engine and its models. */
    public String engine() {
        return ocr.description();
    }

    public synchronized void start() {
        Map<String, Object> c = new HashMap<>(config.kafka());
        c.put(ConsumerConfig.GROUP_ID_CONFIG, config.groupId());
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // A batch is fetched and read before its transaction: keep it small, and give slow hosts time.
        c.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 20);
        c.putIfAbsent(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 600_000);
        c.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "netra-media");
        consumer = new KafkaConsumer<>(c, new StringDeserializer(), new ByteArrayDeserializer());
        Map<String, Object> p = new HashMap<>(config.kafka());
        p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "netra-media-" + UUID.randomUUID());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Capture.MAX_RECORD_BYTES);
        p.putIfAbsent(ProducerConfig.BUFFER_MEMORY_CONFIG, 4L * Capture.MAX_RECORD_BYTES);
        p.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "netra-media");
        producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
        producer.initTransactions();
        metrics.bind(consumer);
        metrics.bind(producer);
        running.set(true);
        loop = new Thread(this::run, "netra-media");
        loop.start();
        log.info("Media stage started: {} -> {} (pictures to {}, refused ones to {}), reading with {}, {} at once.", config.postsTopic(),
                config.mediaTextTopic(), config.capturesTopic(), config.deadLetterTopic(), ocr.description(), config.threads());
    }

    private void run() {
        try {
            consumer.subscribe(List.of(config.postsTopic()), new org.apache.kafka.clients.consumer.ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
                    assigned.set(0);
                }

                @Override
                public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
                    assigned.set(consumer.assignment().size());
                }
            });
            while (running.get()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (!records.isEmpty()) {
                    handle(records);
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                fatal.raise("the media stage's consumer was woken up unexpectedly", e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (running.get()) {
                fatal.raise("the media stage failed: " + e.getMessage(), e);
            }
        } finally {
            assigned.set(0);
        }
    }

    /** One batch: read every picture, then write everything and the offsets in one transaction. */
    private void handle(ConsumerRecords<String, byte[]> records) throws InterruptedException {
        record Job(ConsumerRecord<String, byte[]> record, Post post, List<Future<PictureReader.Outcome>> pictures) {
        }
        List<Job> jobs = new ArrayList<>();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<String, byte[]> r : records) {
            offsets.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            postsRead.incrementAndGet();
            Post post;
            try {
                post = r.value() == null ? null : POSTS.deserialize(r.topic(), r.value());
            } catch (SerializationException e) {
                continue;
            }
            if (post == null || MediaText.pictures(post).isEmpty()) {
                continue;
            }
            List<Future<PictureReader.Outcome>> pictures = new ArrayList<>();
            for (int index : MediaText.pictures(post)) {
                Post p = post;
                pictures.add(fetchPool.submit(() -> reader.read(p, index)));
            }
            jobs.add(new Job(r, post, pictures));
        }
        List<ProducerRecord<String, byte[]>> out = new ArrayList<>();
        for (Job job : jobs) {
            List<MediaText.Item> items = new ArrayList<>();
            String origin = job.record().topic() + "-" + job.record().partition() + "@" + job.record().offset();
            for (Future<PictureReader.Outcome> f : job.pictures()) {
                PictureReader.Outcome o;
                try {
                    o = f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException("reading a picture of " + job.post().key() + " failed unexpectedly", e.getCause());
                }
                items.add(o.item());
                if (o.capture() != null) {
                    out.add(new ProducerRecord<>(config.capturesTopic(), job.post().key(), CAPTURES.serialize(config.capturesTopic(), o.capture())));
                }
                if (o.refusal() != null) {
                    String reason = "media[" + o.item().index() + "] " + o.item().url() + ": " + o.refusal();
                    log.warn("Picture refused, post {} at {}: {}", job.post().key(), origin, reason);
                    meters.deadLetter(o.refusal());
                    DeadLetter dead = DeadLetter.of("media", origin + " media[" + o.item().index() + "]", job.post().key(), reason,
                            job.record().value(), clock.instant());
                    out.add(new ProducerRecord<>(config.deadLetterTopic(), job.post().key(), DEAD_LETTERS.serialize(config.deadLetterTopic(), dead)));
                }
            }
            MediaText text = new MediaText(job.post().key(), job.post().versionKey(), job.post().contentHash(), items, ocr.description(),
                    clock.instant());
            out.add(new ProducerRecord<>(config.mediaTextTopic(), job.post().key(), MEDIA_TEXTS.serialize(config.mediaTextTopic(), text)));
        }
        try {
            producer.beginTransaction();
            out.forEach(producer::send);
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (org.apache.kafka.common.errors.ProducerFencedException | org.apache.kafka.common.errors.InvalidProducerEpochException e) {
            throw e;
        } catch (KafkaException e) {
            log.warn("Writing the media texts of {} posts failed ({}); the batch is read again.", records.count(), e.getMessage());
            producer.abortTransaction();
            rewind(records);
        }
    }

    /** After an aborted transaction: back to the first offset of the batch in each partition. */
    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            consumer.seek(tp, records.records(tp).getFirst().offset());
        }
    }

    @Override
    public synchronized void close() {
        running.set(false);
        if (consumer != null) {
            consumer.wakeup();
        }
        if (loop != null) {
            try {
                loop.join(Duration.ofSeconds(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        fetchPool.shutdownNow();
        try {
            fetchPool.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (consumer != null) {
            consumer.close(Duration.ofSeconds(5));
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
        fetcher.close();
        ocr.close();
        metrics.close();
    }
}
