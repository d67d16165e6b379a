package id.netra.ops;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * One service's metrics: a Prometheus registry with the tag {@code service} on every meter, the JVM's and the
 * process's meters, and the Kafka clients' own metrics bound as they are created. Closing it stops the binders.
 */
public final class Metrics implements AutoCloseable {
    /** How often the Kafka binders look for metrics that appeared since (new partitions, new stream threads). */
    public static final Duration KAFKA_REFRESH = Duration.ofSeconds(10);

    private final String service;
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final List<AutoCloseable> binders = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ScheduledExecutorService refresh = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "netra-metrics-refresh");
        t.setDaemon(true);
        return t;
    });

    public Metrics(String service) {
        this.service = service;
        registry.config().commonTags(List.of(Tag.of("service", service)));
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public String service() {
        return service;
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Binds a producer's metrics (record send rate, errors, transaction times...) under {@code kafka_producer_*}.
     *
     * @return the binder: close it when the producer is closed, so its meters go
     */
    public AutoCloseable bind(Producer<?, ?> producer) {
        KafkaClientMetrics m = new KafkaClientMetrics(producer, List.of(), refresh, KAFKA_REFRESH);
        return bound(m);
    }

    /** Binds a consumer's metrics (lag per partition, fetch rate...) under {@code kafka_consumer_*}; close the binder with it. */
    public AutoCloseable bind(Consumer<?, ?> consumer) {
        KafkaClientMetrics m = new KafkaClientMetrics(consumer, List.of(), refresh, KAFKA_REFRESH);
        return bound(m);
    }

    /** The thread Kafka binders refresh their meters on ({@link #KAFKA_REFRESH}); stopped by {@link #close()}. */
    public ScheduledExecutorService refreshScheduler() {
        return refresh;
    }

    /** Binds any Micrometer binder that must be closed (e.g. Kafka Streams' metrics); closed with this. */
    public <B extends io.micrometer.core.instrument.binder.MeterBinder & AutoCloseable> AutoCloseable bind(B binder) {
        return bound(binder);
    }

    private <B extends io.micrometer.core.instrument.binder.MeterBinder & AutoCloseable> AutoCloseable bound(B binder) {
        binder.bindTo(registry);
        binders.add(binder);
        return () -> {
            binders.remove(binder);
            binder.close();
        };
    }

    @Override
    public void close() {
        for (AutoCloseable b : binders) {
            try {
                b.close();
            } catch (Exception e) {
                // Closing a binder only stops its refresh; nothing to do about a failure.
            }
        }
        binders.clear();
        refresh.shutdownNow();
        gc.close();
        registry.close();
    }
}
