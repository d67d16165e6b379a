package id.netra.app.bench;

import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Candidate;
import id.netra.model.Election;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Regions;
import id.netra.model.Severity;
import id.netra.model.Topics;
import id.netra.model.Watchlist;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A campaign's worth of alerts and the case history the alerts service would have written for them, on the
 * {@code alerts} and {@code alert-events} topics, as the service finds them when it restarts. Deterministic from a seed.
 *
 * <p>Each case is one ASN (from {@link NationalData#asn}, so across every province and regency) about one candidate
 * of the ASN's own election, with one message posted one or more times (reposted, with emojis or a link added: what
 * {@code CaseGrouping} counts as the same message); another case of the same person and candidate has other words.
 * The alerts of a case are HIGH or MEDIUM; a tenth of all alerts are LOW mentions, which open no case. The events are
 * {@code opened} for a case's first alert and {@code alert-added} for the others, then analysts' actions, so cases are
 * open, assigned, confirmed, dismissed or escalated.
 */
final class CaseHistory {
    private static final String[] CHATTER = {"selamat pagi", "rapat koordinasi", "di kantor", "bersama warga", "pelayanan publik",
        "kegiatan posyandu", "alhamdulillah", "semoga lancar", "terima kasih", "upacara bendera", "ngopi dulu", "pengajian rutin",
        "gotong royong", "kerja bakti", "musim hujan", "pasar murah", "senam pagi", "jumat berkah"};
    private static final String[] SYLLABLES = {"ba", "bu", "da", "di", "ga", "ja", "ka", "la", "ma", "na", "pa", "ra", "sa", "ta", "wa", "yu"};
    private static final String[] REASONS = {"bukan ASN yang bersangkutan", "akun sudah dinonaktifkan", "perlu klarifikasi PPK", "bukti cukup"};
    private static final Instant CAMPAIGN_START = Instant.parse("2024-09-25T01:00:00Z");
    private static final long CAMPAIGN_SECONDS = 58L * 24 * 3600;
    private static final ZoneOffset WIB = ZoneOffset.ofHours(7);
    private static final Map<String, Alert.Violation> VIOLATIONS = Map.of(
            "call-to-vote", new Alert.Violation("Ajakan memilih pasangan calon melalui media sosial", "Kampanye di media sosial",
                    List.of("PP 94/2021 Pasal 5 huruf n", "UU 20/2023 tentang ASN")),
            "support", new Alert.Violation("Pernyataan dukungan kepada pasangan calon di media sosial", "Memberikan dukungan kepada pasangan calon",
                    List.of("PP 94/2021 Pasal 5 huruf n", "UU 20/2023 tentang ASN")),
            "campaign-symbol", new Alert.Violation("Penggunaan simbol kampanye pasangan calon di media sosial", "Tagar atau slogan kampanye",
                    List.of("PP 94/2021 Pasal 5 huruf n angka 6")),
            "watchlist-mention", new Alert.Violation("Bukan pelanggaran: penyebutan tanpa sikap berpihak", "Tidak termasuk bentuk pelanggaran", List.of()));

    private final Watchlist watchlist;
    private final List<Election> elections;
    private final long alerts;
    private final int cases;
    private final long lows;
    private final long registry;
    private final long seed;
    private final List<String> analysts;
    /** Per case: the election (index into {@link #elections}) and the candidate's index in it. */
    private final int[] caseElection;
    private final byte[] caseCandidate;
    /** Cases so far per person and candidate ({@code asn index * 8 + candidate index}). */
    private final Map<Long, Integer> casesOfGroup = new java.util.HashMap<>();
    /** Posts numbered so far (case alerts; LOW ones count down from -1). */
    private long posts;

    /**
     * @param alerts   alerts in all
     * @param cases    cases they form (at most {@code alerts})
     * @param analysts the names cases are assigned to
     */
    CaseHistory(Watchlist watchlist, long alerts, int cases, long seed, List<String> analysts) {
        if (cases < 1 || cases > alerts) {
            throw new IllegalArgumentException("the cases must be 1 to the number of alerts (" + alerts + "), not " + cases);
        }
        this.watchlist = watchlist;
        this.elections = watchlist.elections();
        this.alerts = alerts;
        this.cases = cases;
        this.lows = Math.min(alerts / 10, alerts - cases);
        // Fewer people than cases: some have several cases, some about the same candidate with another message.
        this.registry = Math.max(1, cases * 2L / 3);
        this.seed = seed;
        this.analysts = List.copyOf(analysts);
        this.caseElection = new int[cases];
        this.caseCandidate = new byte[cases];
    }

    int cases() {
        return cases;
    }

    long lows() {
        return lows;
    }

    static String caseId(int c) {
        return String.format("NTR-2024-%06d", c + 1);
    }

    /** The region (Kemendagri code) of case {@code c}'s person; valid after {@link #publish}. */
    String regionOf(int c) {
        return elections.get(caseElection[c]).regionCode();
    }

    /** The candidate id of case {@code c}; valid after {@link #publish}. */
    String candidateOf(int c) {
        return elections.get(caseElection[c]).candidates().get(caseCandidate[c]).id();
    }

    /** The case numbers by province code, for analysts of a province; valid after {@link #publish}. */
    Map<String, int[]> casesByProvince() {
        Map<String, List<Integer>> lists = new TreeMap<>();
        for (int c = 0; c < cases; c++) {
            lists.computeIfAbsent(Regions.province(regionOf(c)), k -> new ArrayList<>()).add(c);
        }
        Map<String, int[]> out = new TreeMap<>();
        lists.forEach((p, l) -> out.put(p, l.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }

    /**
     * Publishes every alert and case event with one batching, asynchronous producer; progress on stderr every five
     * seconds.
     *
     * @return the number of case events written
     */
    long publish(Map<String, Object> kafka) {
        Map<String, Object> p = new java.util.HashMap<>(kafka);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024);
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 128L * 1024 * 1024);
        // On a shared machine the embedded broker may stall for minutes (a run lost its data to the 2-minute default).
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 120_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 900_000);
        AtomicReference<Exception> failure = new AtomicReference<>();
        AtomicLong events = new AtomicLong();
        long start = System.nanoTime();
        long[] nextReport = {start + 5_000_000_000L};
        long[] sent = {0};
        long[] lowsSent = {0};
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer())) {
            var alertSerde = Topics.ALERTS.valueSerde().serializer();
            var eventSerde = Topics.ALERT_EVENTS.valueSerde().serializer();
            java.util.function.Consumer<Alert> sendAlert = a -> {
                producer.send(new ProducerRecord<>(Topics.ALERTS.name(), a.id(), alertSerde.serialize(Topics.ALERTS.name(), a)), (m, e) -> {
                    if (e != null) {
                        failure.compareAndSet(null, e);
                    }
                });
                sent[0]++;
                if (System.nanoTime() > nextReport[0]) {
                    System.err.printf("  alerts-app data: %,d of %,d alerts published (%,.0f/s)%n", sent[0], alerts, sent[0] / ((System.nanoTime() - start) / 1e9));
                    nextReport[0] += 5_000_000_000L;
                }
            };
            java.util.function.Consumer<AlertEvent> sendEvent = e -> {
                producer.send(new ProducerRecord<>(Topics.ALERT_EVENTS.name(), e.caseId(), eventSerde.serialize(Topics.ALERT_EVENTS.name(), e)), (m, x) -> {
                    if (x != null) {
                        failure.compareAndSet(null, x);
                    }
                });
                events.incrementAndGet();
            };
            long extra = alerts - lows - cases;
            long extraPlaced = 0;
            for (int c = 0; c < cases; c++) {
                // The extra alerts spread over the cases: 1 + Poisson-like sizes, exactly alerts - lows in all.
                long due = extra * (c + 1L) / cases;
                int size = 1;
                SplittableRandom r = new SplittableRandom(seed * 1_000_003L + c);
                while (extraPlaced < due) {
                    size++;
                    extraPlaced++;
                }
                // Uneven sizes: a case gives some of its share to the next one.
                if (size > 2 && r.nextInt(3) == 0 && c + 1 < cases) {
                    int moved = r.nextInt(size - 1);
                    size -= moved;
                    extraPlaced -= moved;
                }
                caseOf(c, size, r, sendAlert, sendEvent);
                while (lowsSent[0] < lows * (c + 1L) / cases) {
                    sendAlert.accept(low(lowsSent[0]++));
                }
            }
            producer.flush();
            if (failure.get() != null) {
                throw new IllegalStateException("publishing the bench's alerts failed", failure.get());
            }
        }
        System.err.printf("  alerts-app data: %,d alerts and %,d case events published in %.1f s%n", sent[0], events.get(),
                (System.nanoTime() - start) / 1e9);
        if (sent[0] != alerts) {
            throw new IllegalStateException("published " + sent[0] + " alerts instead of " + alerts);
        }
        return events.get();
    }

    /** Case {@code c}: its alerts, its opening and additions, and what analysts did with it. */
    private void caseOf(int c, int size, SplittableRandom r, java.util.function.Consumer<Alert> sendAlert,
                        java.util.function.Consumer<AlertEvent> sendEvent) {
        long asnIndex = r.nextLong(registry);
        AsnRecord asn = NationalData.asn(asnIndex, elections);
        int e = (int) (asnIndex % elections.size());
        Election election = elections.get(e);
        int k = r.nextInt(election.candidates().size());
        caseElection[c] = e;
        caseCandidate[c] = (byte) k;
        Candidate candidate = election.candidates().get(k);
        String registryVersion = Alert.registryVersionOf(asn);
        String rule = switch (r.nextInt(5)) {
            case 0, 1 -> "support";
            case 2, 3 -> "call-to-vote";
            default -> "campaign-symbol";
        };
        // Another case of the same person about the same candidate says something else: other everyday words.
        long group = asnIndex * 8 + k;
        int variant = casesOfGroup.merge(group, 1, Integer::sum) - 1;
        String message = message(r, rule, candidate, (int) (group % CHATTER.length), variant);
        String caseId = caseId(c);
        Instant opened = CAMPAIGN_START.plusSeconds(CAMPAIGN_SECONDS * c / cases);
        Instant last = opened;
        for (int i = 0; i < size; i++) {
            Instant at = i == 0 ? opened : last.plusSeconds(600 + r.nextInt(36 * 3600));
            last = at;
            String text = switch (i % 3) {
                case 0 -> i == 0 ? message : message + " https://s.id/" + Long.toString(r.nextLong(1L << 30), 36);
                case 1 -> "RT " + message;
                default -> message + " 🔥🔥";
            };
            Severity severity = rule.equals("campaign-symbol") ? Severity.MEDIUM : Severity.HIGH;
            Alert a = alert(posts++, asn, registryVersion, election, candidate, severity, rule, text, at);
            sendAlert.accept(a);
            sendEvent.accept(event(r, caseId, i == 0 ? AlertEvent.Type.OPENED : AlertEvent.Type.ALERT_ADDED, "system",
                    at.plusSeconds(90), a.id(), null, null));
        }
        Instant then = last.plusSeconds(3600 + r.nextInt(72 * 3600));
        String analyst = analysts.get(r.nextInt(analysts.size()));
        int fate = r.nextInt(100);
        if (fate >= 55 && fate < 97) {
            sendEvent.accept(event(r, caseId, AlertEvent.Type.ASSIGNED, analyst, then, null, analyst, null));
        }
        String reason = REASONS[r.nextInt(REASONS.length)];
        if (fate >= 75 && fate < 85) {
            sendEvent.accept(event(r, caseId, AlertEvent.Type.CONFIRMED, analyst, then.plusSeconds(7200), null, null, reason));
        } else if (fate >= 85 && fate < 93) {
            sendEvent.accept(event(r, caseId, AlertEvent.Type.DISMISSED, analyst, then.plusSeconds(7200), null, null, reason));
        } else if (fate >= 93 && fate < 97) {
            sendEvent.accept(event(r, caseId, AlertEvent.Type.COMMENTED, analyst, then.plusSeconds(3600), null, null, reason));
        } else if (fate >= 97) {
            sendEvent.accept(event(r, caseId, AlertEvent.Type.ESCALATED, analyst, then, null, null, reason));
        }
    }

    /**
     * A message of its own: two everyday phrases, a village and the partisan part; the {@code variant}-th case of a person
     * about a candidate has other phrases and another village than the ones before.
     */
    private static String message(SplittableRandom r, String rule, Candidate candidate, int base, int variant) {
        int chatter = base + 2 * variant;
        StringBuilder village = new StringBuilder(SYLLABLES[variant % SYLLABLES.length]);
        for (int i = 1 + r.nextInt(2); i > 0; i--) {
            village.append(SYLLABLES[r.nextInt(SYLLABLES.length)]);
        }
        String place = Character.toUpperCase(village.charAt(0)) + village.substring(1);
        String words = CHATTER[chatter % CHATTER.length] + " di Desa " + place + ", " + CHATTER[(chatter + 1) % CHATTER.length] + ", ";
        return words + switch (rule) {
            case "support" -> "dukung " + candidate.names().getFirst() + " sampai menang!";
            case "call-to-vote" -> "ayo coblos nomor " + candidate.number() + " " + candidate.aliases().getFirst() + " tanggal 27";
            default -> "#" + candidate.hashtags().getFirst();
        };
    }

    /** The {@code i}-th LOW alert: an ASN mentioning every pair of its election without taking a side. */
    private Alert low(long i) {
        SplittableRandom r = new SplittableRandom(seed * 7_000_003L + i);
        long asnIndex = r.nextLong(registry);
        AsnRecord asn = NationalData.asn(asnIndex, elections);
        Election election = elections.get((int) (asnIndex % elections.size()));
        Candidate candidate = election.candidates().get(r.nextInt(election.candidates().size()));
        String text = "debat publik malam ini: paslon " + candidate.number() + " " + candidate.names().getFirst() + ", jangan lupa nonton";
        Instant at = CAMPAIGN_START.plusSeconds(r.nextLong(CAMPAIGN_SECONDS));
        return alert(-1 - i, asn, Alert.registryVersionOf(asn), election, candidate, Severity.LOW, "watchlist-mention", text, at);
    }

    private Alert alert(long postNumber, AsnRecord asn, String registryVersion, Election election, Candidate candidate, Severity severity,
                        String rule, String text, Instant at) {
        var account = asn.accounts().getFirst();
        String postId = Long.toString(1_900_000_000_000_000_000L + postNumber);
        Post post = new Post(Platform.X, postId, URI.create("https://x.com/" + account.handle() + "/status/" + postId),
                new Author(account.handle(), asn.name()), text, OffsetDateTime.ofInstant(at, WIB), PostKind.POST);
        List<Alert.Evidence> evidence = new ArrayList<>();
        for (String[] span : List.of(new String[] {candidate.names().getFirst(), "name"}, new String[] {candidate.aliases().getFirst(), "alias"},
                new String[] {"#" + candidate.hashtags().getFirst(), "hashtag"}, new String[] {"coblos nomor " + candidate.number(), "ballot-number"},
                new String[] {"dukung", "support-cue"})) {
            int at0 = text.indexOf(span[0]);
            if (at0 >= 0) {
                evidence.add(new Alert.Evidence(at0, at0 + span[0].length(), span[0], span[1], span[1].endsWith("cue") ? "support" : candidate.id()));
            }
        }
        var match = new Alert.CandidateMatch(election.id(), candidate.id(), candidate.number(), candidate.names(), election.regionCode(), true);
        List<Alert.PartyMatch> parties = candidate.parties().stream()
                .map(id -> new Alert.PartyMatch(id, watchlist.parties().stream().filter(x -> x.id().equals(id)).findFirst().map(x -> x.name()).orElse(id)))
                .toList();
        String explanation = severity == Severity.LOW ? "Menyebut " + candidate.names().getFirst() + " tanpa sikap berpihak yang jelas."
                : "Pernyataan dukungan kepada " + candidate.names().getFirst() + ": " + (evidence.isEmpty() ? rule : evidence.getLast().text()) + ".";
        return new Alert(Alert.idFor(post.key(), watchlist.version(), registryVersion), Platform.X, postId, asn.nip(), severity, rule,
                explanation, VIOLATIONS.get(rule), post, asn, List.of(match), parties, evidence, watchlist.version(), registryVersion,
                "bench-rules");
    }

    private static AlertEvent event(SplittableRandom r, String caseId, AlertEvent.Type type, String actor, Instant at, String alertId,
                                    String assignee, String reason) {
        return new AlertEvent(new UUID(r.nextLong(), r.nextLong()).toString(), caseId, type, actor, at, alertId, assignee, reason);
    }
}
