package id.netra.alerts.notify;

import id.netra.alerts.CaseFile;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.Errors;
import id.netra.model.Notification;
import id.netra.model.NotificationEvent;
import id.netra.model.Silence;
import id.netra.model.SilenceEvent;
import id.netra.model.Topic;
import id.netra.model.TopicReader;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people about cases: plans notifications from case events by the routing, and delivers them by e-mail (SMTP)
 * and signed webhooks through an outbox, the {@code notifications} topic. Also keeps the silences ({@code silences}
 * topic) and serves them at {@code /api/silences}.
 *
 * <p>Exactly once, and where it is not: a notification is written {@code planned} (one transaction, id derived from
 * the case event and the recipient, so planning the same event again finds it) before anything is sent. Before each
 * attempt its digest is written {@code sending}, then {@code delivered} or {@code attempt-failed} with the next try
 * time (exponential back-off with jitter, capped). At start the topic is read whole, so a restart resends exactly
 * what was not delivered, with the same digest id. An SMTP or webhook outage therefore delays notifications but
 * loses none and sends none twice. The one window for a duplicate: the receiver accepted a message and the service
 * died (or the answer was lost) before {@code delivered} was committed; the message is then sent again with the
 * same id: the same e-mail {@code Message-ID} and the same {@code X-Netra-Delivery}, so receivers can drop it.
 * The case event and its {@code planned} notifications are two transactions (the event is {@code CaseLog}'s): for a
 * crash between them, {@link #start(Collection)} plans the recent case events again ({@code alerts.notify.catch-up});
 * the ids find what was planned already.
 *
 * <p>With several alerts services, only the leader notifies ({@link #start(Collection)} when it is elected,
 * {@link #follow()} when it is not any more). One transactional id per notifications topic: the new leader fences the
 * previous one, whose late writes fail; a fenced notifier stops delivering and waits to be elected again (it does not
 * stop the service). The new leader reads the outbox whole, so it sends what its predecessor planned and did not
 * deliver, and plans again the recent case events, finding by id what was planned already.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Notifier.class);

    private final NotifyConfig config;
    private final Map<String, Object> kafka;
    private final Function<String, Optional<CaseFile>> cases;
    private final Function<String, Optional<Alert>> alerts;
    private final Clock clock;
    private final Map<Notification.Channel, Sender> senders;
    /** The outbox writer while leading, else null. */
    private volatile KafkaProducer<String, byte[]> producer;
    private final Planner planner;
    private Outbox outbox = new Outbox();
    private final SilenceBook silences = new SilenceBook();
    /** Follows the silences topic once {@link #open()}; null before. Guarded by {@code this}. */
    private SilenceFollower silenceFollower;
    /** Writes silences: any instance may (idempotent, not transactional); null before {@link #open()}. */
    private volatile KafkaProducer<String, byte[]> silenceWriter;
    private final Object lock = new Object();
    private volatile boolean running;
    private volatile Consumer<SilenceEvent> silenceListener = e -> { };
    private Thread worker;
    /** Case events to plan again at start, waiting for their alerts to be read into the feed. */
    private final java.util.Deque<AlertEvent> backlog = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile Instant backlogUntil = Instant.MIN;
    private static final Duration BACKLOG_PATIENCE = Duration.ofMinutes(5);
    /** How long {@link #close()} waits for the delivery in hand to finish and be recorded. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);
    /** Case events whose planning failed, tried again with back-off by the delivery thread (see {@link #onCaseEvent}). */
    private final java.util.Deque<PlanningRetry> retries = new java.util.concurrent.ConcurrentLinkedDeque<>();
    private volatile NotifyMeters meters = NotifyMeters.none();
    private volatile java.util.function.BiConsumer<String, Throwable> fatal = (why, e) -> { };
    private volatile boolean fenced;
    /** Between the start of {@link #lead} and delivery running: case events are queued for planning. */
    private volatile boolean starting;

    /** A case event to plan again at {@code due}; {@code attempt} failures so far. */
    private record PlanningRetry(AlertEvent event, int attempt, Instant due) {
    }

    /**
     * @param cases  the cases by id ({@code CaseLog::get})
     * @param alerts the alerts by id ({@code AlertFeed::get})
     */
    public Notifier(NotifyConfig config, Map<String, Object> kafka, Function<String, Optional<CaseFile>> cases,
                    Function<String, Optional<Alert>> alerts, Clock clock) {
        this(config, kafka, cases, alerts, clock, channels(config, clock));
    }

    Notifier(NotifyConfig config, Map<String, Object> kafka, Function<String, Optional<CaseFile>> cases,
             Function<String, Optional<Alert>> alerts, Clock clock, Map<Notification.Channel, Sender> senders) {
        config.check();
        this.config = config;
        this.kafka = Map.copyOf(kafka);
        this.cases = cases;
        this.alerts = alerts;
        this.clock = clock;
        this.senders = Map.copyOf(senders);
        this.planner = new Planner(config.routing(), config.publicUrl());
    }

    private KafkaProducer<String, byte[]> newProducer() {
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "netra-alerts-notify-" + config.notificationsTopic().name());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "netra-alerts-notify");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static Map<Notification.Channel, Sender> channels(NotifyConfig config, Clock clock) {
        Map<Notification.Channel, Sender> out = new EnumMap<>(Notification.Channel.class);
        if (config.smtp() != null) {
            out.put(Notification.Channel.EMAIL, new MailSender(config.smtp()));
        }
        out.put(Notification.Channel.WEBHOOK, new WebhookSender(config.routing()::webhookFor, clock));
        return out;
    }

    /** Like {@link #start(Collection)} with no cases to catch up on. */
    public void start() {
        start(List.of());
    }

    /**
     * Fences an earlier instance, reads the silences and the outbox whole, and starts delivering. The events of
     * {@code known} cases of the last {@code alerts.notify.catch-up} are planned again once their alerts are known
     * (those planned before are found by id and left alone), so a crash between a case event and its planning loses
     * nothing.
     */
    public void start(Collection<CaseFile> known) {
        lead(() -> known);
    }

    /**
     * Like {@link #start(Collection)}, the known cases taken once this notifier listens: a case event read meanwhile is
     * in them or is queued by {@link #onCaseEvent}, so the election of a new leader loses none.
     */
    public synchronized void lead(java.util.function.Supplier<Collection<CaseFile>> knownCases) {
        if (running) {
            return;
        }
        fenced = false;
        backlog.clear();
        retries.clear();
        starting = true;
        try {
            begin(knownCases.get());
        } catch (RuntimeException e) {
            starting = false;
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
            throw e;
        }
    }

    private void begin(Collection<CaseFile> known) {
        Instant since = clock.instant().minus(config.catchUp());
        known.stream().flatMap(c -> c.history().stream()).filter(e -> e.at().isAfter(since))
                .filter(e -> e.type() == AlertEvent.Type.CONFIRMED || e.type() == AlertEvent.Type.OPENED || e.type() == AlertEvent.Type.ALERT_ADDED)
                .sorted(java.util.Comparator.comparing(AlertEvent::at)).forEach(backlog::add);
        backlogUntil = clock.instant().plus(BACKLOG_PATIENCE);
        producer = newProducer();
        producer.initTransactions();
        long s = open();
        long n;
        synchronized (lock) {
            outbox = new Outbox();
            n = TopicReader.readToEnd(kafka, config.notificationsTopic(), (key, e) -> {
                if (e != null) {
                    outbox.apply(e);
                }
            });
        }
        log.info("Notifications loaded from {}: {} event(s), {} waiting; {} silence event(s) from {}.", config.notificationsTopic().name(), n,
                outbox.pending().size(), s, config.silencesTopic().name());
        running = true;
        starting = false;
        worker = new Thread(this::deliverLoop, "netra-notify-delivery");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Reads the silences whole and follows them (so that this instance lists them and honours the ones set on others),
     * and lets this instance set and lift silences; nothing if done already. {@link #start(Collection)} does it too.
     *
     * @return how many silence events were read now
     */
    public synchronized long open() {
        if (silenceFollower != null) {
            return 0;
        }
        SilenceFollower f = new SilenceFollower(kafka, config.silencesTopic(), silences::apply);
        long n = f.start();
        silenceFollower = f;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "netra-alerts-silences");
        silenceWriter = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
        return n;
    }

    /**
     * Stops planning and delivering (another instance leads now): the digest in hand is finished and recorded if it
     * can be (see {@link #close()}), then the writer is closed. {@link #start(Collection)} resumes from the topic.
     */
    public synchronized void follow() {
        if (producer == null) {
            return;
        }
        stopWorker();
        backlog.clear();
        retries.clear();
        producer.close(Duration.ofSeconds(5));
        producer = null;
        log.info("Stopped sending notifications: another alerts service sends them now.");
    }

    /** Whether this notifier plans and delivers now. */
    public boolean leading() {
        return running && producer != null;
    }

    /**
     * Plans the notifications of a committed case event (call it for every event, after it is committed): nothing for
     * most events; for a confirmation or a HIGH alert, one {@code planned} (or {@code suppressed}) notification per
     * recipient the routing names. Never throws: a failure (the outbox topic not writable, a bug in a route) is logged,
     * counted ({@code netra_notification_planning_failures_total}) and the event is planned again by the delivery thread,
     * with the notifications' back-off, until it succeeds; planning twice is harmless, the ids find what was planned. A
     * fenced producer (another alerts service took over) stops delivery instead (see {@link #follow()}).
     */
    public void onCaseEvent(AlertEvent e) {
        if (!running) {
            if (starting) {
                backlog.add(e);
            }
            return;
        }
        try {
            plan(e);
        } catch (RuntimeException ex) {
            planningFailed(new PlanningRetry(e, 0, clock.instant()), ex);
        }
    }

    private void planningFailed(PlanningRetry failed, RuntimeException ex) {
        meters.planningFailed();
        if (fenced(ex)) {
            fencedOut(ex);
            return;
        }
        int attempt = failed.attempt() + 1;
        Instant next = clock.instant().plus(retryDelay(attempt, config.retryInitial(), config.retryMax(), ThreadLocalRandom.current().nextDouble()));
        retries.add(new PlanningRetry(failed.event(), attempt, next));
        log.error("Could not plan the notifications of case event {} ({} of {}), attempt {}; trying again at {}.", failed.event().eventId(),
                failed.event().type().id(), failed.event().caseId(), attempt, next, ex);
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    private void plan(AlertEvent e) {
        Optional<CaseFile> c = cases.apply(e.caseId());
        if (c.isEmpty()) {
            return;
        }
        List<Alert> caseAlerts = c.get().alertIds().stream().map(alerts).flatMap(Optional::stream).toList();
        synchronized (lock) {
            Instant now = clock.instant();
            List<NotificationEvent> events = new ArrayList<>();
            for (Notification n : planner.plan(e, c.get(), caseAlerts, now, outbox::lastPlanned)) {
                if (outbox.knows(n.id())) {
                    continue;
                }
                events.add(silences.covering(n, now).map(s -> NotificationEvent.suppressed(n, now, "silence " + s.id() + ": " + s.reason()))
                        .orElse(NotificationEvent.planned(n, now)));
            }
            write(events);
            lock.notifyAll();
        }
    }

    /** Plans again the case events whose planning failed and whose time has come. */
    private void retryPlanning() {
        Instant now = clock.instant();
        for (java.util.Iterator<PlanningRetry> it = retries.iterator(); it.hasNext(); ) {
            PlanningRetry r = it.next();
            if (r.due().isAfter(now)) {
                continue;
            }
            it.remove();
            try {
                plan(r.event());
                log.info("Planned the notifications of case event {} ({} of {}) after {} failed attempt(s).", r.event().eventId(),
                        r.event().type().id(), r.event().caseId(), r.attempt());
            } catch (RuntimeException ex) {
                planningFailed(r, ex);
            }
        }
    }

    /** Case events waiting to be planned again after a failure. */
    public int planningRetries() {
        return retries.size();
    }

    /**
     * Told once when this notifier can no longer work (its producer was fenced by another alerts service): the service
     * must stop and exit non-zero.
     */
    public void onFatal(java.util.function.BiConsumer<String, Throwable> listener) {
        this.fatal = listener;
    }

    /**
     * False once the delivery thread ended other than by {@link #close()} or {@link #follow()}. A fenced notifier is alive:
     * another instance leads, and this one waits to be elected again.
     */
    public boolean alive() {
        return fenced || worker == null || worker.isAlive() || !running;
    }

    /**
     * Registers the outbox's meters: {@code netra_notifications_pending} (planned and not delivered, including those
     * being retried), {@code netra_notification_attempts_failed_total}, {@code netra_notifications_delivered_total},
     * {@code netra_notification_planning_failures_total} and {@code netra_notification_planning_retries}.
     */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        meters = new NotifyMeters(registry, () -> {
            synchronized (lock) {
                return outbox.undelivered();
            }
        }, retries::size);
    }

    /** Whether a failed write means another leader took over (fenced, or this writer's epoch refused). */
    private static boolean fenced(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProducerFencedException || t instanceof org.apache.kafka.common.errors.InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private void fencedOut(Throwable e) {
        fenced = true;
        running = false;
        log.warn("Another alerts service took over the notifications topic {}; this one stops delivering until it leads again ({}).",
                config.notificationsTopic().name(), e.toString());
    }

    /**
     * Serves {@code GET/POST /api/silences} and {@code DELETE /api/silences/{id}} (see {@link SilenceRoutes});
     * {@code who} tells the logged-in user and the reach of their jurisdiction.
     */
    public void routes(id.netra.alerts.auth.Routes routes, java.util.function.Function<io.javalin.http.Context, SilenceActor> who) {
        new SilenceRoutes(this, clock).register(routes, who);
    }

    /** Told of every silence event after it is committed (e.g. to mirror it to the audit log). */
    public void onSilence(Consumer<SilenceEvent> listener) {
        this.silenceListener = listener;
    }

    void createSilence(Silence s) {
        writeSilence(new SilenceEvent(s.id(), SilenceEvent.Type.CREATED, s.createdBy(), s.createdAt(), s, null));
    }

    /** @throws IllegalStateException when the silence is lifted or expired already */
    void liftSilence(String id, String actor, String reason) {
        synchronized (lock) {
            SilenceBook.Entry x = silences.get(id).orElseThrow();
            String status = x.status(clock.instant());
            if (!status.equals("active")) {
                throw new IllegalStateException("silence " + id + " is " + status + " already");
            }
            writeSilence(new SilenceEvent(id, SilenceEvent.Type.LIFTED, actor, clock.instant(), null, reason));
        }
    }

    SilenceBook silences() {
        return silences;
    }

    /** Where a notification stands, for tests and diagnostics. */
    Optional<Outbox.State> state(String notificationId) {
        synchronized (lock) {
            return outbox.get(notificationId).map(x -> x.state);
        }
    }

    private void writeSilence(SilenceEvent e) {
        Topic<String, SilenceEvent> t = config.silencesTopic();
        KafkaProducer<String, byte[]> writer = silenceWriter;
        if (writer == null) {
            throw new io.javalin.http.ServiceUnavailableResponse("the notifications are not started yet; try again");
        }
        synchronized (lock) {
            try {
                writer.send(new ProducerRecord<>(t.name(), e.silenceId(), t.valueSerde().serializer().serialize(t.name(), e))).get();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                throw new KafkaException("interrupted while writing silence " + e.silenceId(), ex);
            } catch (java.util.concurrent.ExecutionException ex) {
                throw new KafkaException("cannot write silence " + e.silenceId() + " to " + t.name() + ": " + ex.getCause().getMessage(), ex.getCause());
            }
            silences.apply(e);
            lock.notifyAll();
        }
        silenceListener.accept(e);
    }

    /** Commits {@code events} in one transaction, then applies them. Call holding {@link #lock}. */
    private void write(List<NotificationEvent> events) {
        if (events.isEmpty()) {
            return;
        }
        Topic<String, NotificationEvent> t = config.notificationsTopic();
        TopicReader.inTransaction(producer, () -> events.forEach(e ->
                producer.send(new ProducerRecord<>(t.name(), e.notificationId(), t.valueSerde().serializer().serialize(t.name(), e)))));
        events.forEach(outbox::apply);
    }

    private void deliverLoop() {
        try {
            deliverUntilStopped();
        } catch (Error e) {
            log.error("The notification delivery thread died; notifications are no longer sent.", e);
            fatal.accept("the notification delivery thread died", e);
            throw e;
        }
    }

    private void deliverUntilStopped() {
        while (running) {
            try {
                catchUp();
                retryPlanning();
                List<Digest> due;
                synchronized (lock) {
                    suppressSilenced();
                    due = outbox.due(clock.instant());
                }
                for (Digest d : due) {
                    if (!running) {
                        return;
                    }
                    deliver(d);
                }
                synchronized (lock) {
                    if (running && due.isEmpty()) {
                        Instant next = outbox.nextDue().orElse(clock.instant().plus(Duration.ofMinutes(1)));
                        if (!backlog.isEmpty()) {
                            next = clock.instant().plusMillis(200);
                        }
                        for (PlanningRetry r : retries) {
                            next = r.due().isBefore(next) ? r.due() : next;
                        }
                        long ms = Math.clamp(Duration.between(clock.instant(), next).toMillis(), 1, 60_000);
                        lock.wait(ms);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (KafkaException e) {
                if (fenced(e)) {
                    fencedOut(e);
                    continue;
                }
                log.error("Could not write to the notifications topic {}; trying again in {}.", config.notificationsTopic().name(),
                        config.retryInitial(), e);
                pause(config.retryInitial());
            } catch (RuntimeException e) {
                log.error("Notification delivery failed unexpectedly; trying again in {}.", config.retryInitial(), e);
                pause(config.retryInitial());
            }
        }
    }

    private void pause(Duration d) {
        synchronized (lock) {
            try {
                if (running) {
                    lock.wait(Math.max(1, d.toMillis()));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                running = false;
            }
        }
    }

    /** Plans the backlog's events whose case and alerts are known now; gives up on the rest after a while. */
    private void catchUp() {
        for (java.util.Iterator<AlertEvent> it = backlog.iterator(); it.hasNext(); ) {
            AlertEvent e = it.next();
            boolean ready = cases.apply(e.caseId()).map(c -> c.alertIds().stream().allMatch(id -> alerts.apply(id).isPresent())).orElse(false);
            if (ready) {
                onCaseEvent(e);
                it.remove();
            } else if (clock.instant().isAfter(backlogUntil)) {
                log.warn("Case event {} ({} of {}) was not planned again at start: its alerts were not read within {}.", e.eventId(),
                        e.type().id(), e.caseId(), BACKLOG_PATIENCE);
                it.remove();
            }
        }
    }

    /** Pending notifications a silence now covers are recorded suppressed, with the silence, and not sent. */
    private void suppressSilenced() {
        Instant now = clock.instant();
        List<NotificationEvent> events = new ArrayList<>();
        for (Notification n : outbox.pending()) {
            silences.covering(n, now).ifPresent(s -> events.add(NotificationEvent.suppressed(n, now, "silence " + s.id() + ": " + s.reason())));
        }
        write(events);
    }

    private void deliver(Digest d) {
        synchronized (lock) {
            write(d.members().stream().map(n -> NotificationEvent.sending(n.id(), clock.instant(), d.id(), d.attempt())).toList());
        }
        String error = null;
        Sender sender = senders.get(d.recipient().channel());
        try {
            if (sender == null) {
                throw new IllegalStateException("no " + d.recipient().channel().id() + " channel is configured");
            }
            sender.send(d);
        } catch (Exception e) {
            error = Errors.describe(e);
        }
        Instant now = clock.instant();
        synchronized (lock) {
            if (error == null) {
                write(d.members().stream().map(n -> NotificationEvent.delivered(n.id(), now, d.id(), d.attempt())).toList());
                meters.delivered(d.members().size());
                log.info("Delivered {} ({} notification(s)) to {} on attempt {}.", d.id(), d.members().size(), d.recipient().key(), d.attempt());
            } else {
                Instant next = now.plus(retryDelay(d.attempt(), config.retryInitial(), config.retryMax(), ThreadLocalRandom.current().nextDouble()));
                String reason = error;
                write(d.members().stream().map(n -> NotificationEvent.failed(n.id(), now, d.attempt(), reason, next)).toList());
                meters.attemptFailed(d.recipient().channel().id());
                log.warn("Could not deliver {} to {} (attempt {}): {}. Trying again at {}.", d.id(), d.recipient().key(), d.attempt(), error, next);
            }
        }
    }

    /**
     * The wait after failed attempt {@code attempt}: {@code initial} doubled per attempt, at most {@code max}, of which
     * a random half ({@code random} in [0, 1)) is taken off so that many waiting notifications do not retry together.
     */
    static Duration retryDelay(int attempt, Duration initial, Duration max, double random) {
        long cap = max.toMillis();
        long full = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long base = full <= 0 || full > cap ? cap : full;
        return Duration.ofMillis(base / 2 + (long) (base / 2.0 * random));
    }

    /**
     * Stops delivering after the digest in hand (so its outcome is recorded; at most 5 s, then it is interrupted and sent
     * again after the restart), then closes the producer.
     */
    @Override
    public synchronized void close() {
        stopWorker();
        if (producer != null) {
            producer.close(Duration.ofSeconds(10));
            producer = null;
        }
        if (silenceFollower != null) {
            silenceFollower.close();
            silenceWriter.close(Duration.ofSeconds(5));
        }
    }

    private void stopWorker() {
        running = false;
        synchronized (lock) {
            lock.notifyAll();
        }
        if (worker != null) {
            // Short enough that the service stops within Docker's 10 s: a delivery cut off is sent again after the restart,
            // with the same Message-ID / X-Netra-Delivery.
            try {
                worker.join(STOP_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (worker.isAlive()) {
                log.warn("The delivery thread did not stop within {}; closing anyway (its message is sent again after a restart).", STOP_WAIT);
                worker.interrupt();
            }
        }
    }
}
