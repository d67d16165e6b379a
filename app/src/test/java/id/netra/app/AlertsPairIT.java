package id.netra.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import id.netra.alerts.AlertsApp;
import id.netra.alerts.auth.Jurisdiction;
import id.netra.alerts.auth.PasswordHash;
import id.netra.alerts.auth.Role;
import id.netra.alerts.auth.User;
import id.netra.alerts.auth.UsersFile;
import id.netra.embedded.EmbeddedKafkaExtension;
import id.netra.model.Account;
import id.netra.model.Alert;
import id.netra.model.AlertEvent;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Json;
import id.netra.model.NotificationEvent;
import id.netra.model.Platform;
import id.netra.model.Post;
import id.netra.model.PostKind;
import id.netra.model.Regions;
import id.netra.model.Severity;
import id.netra.model.TopicReader;
import id.netra.model.Topics;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two alerts services, each in a JVM of its own, on the same topics, with notifications to a real SMTP server
 * (GreenMail): the leader is killed with SIGKILL while alerts flow. The other takes over within 30 s; every alert is in
 * exactly one case, every case number is opened once, each confirmation is mailed once, and an analyst logged in on
 * the killed instance stays logged in on the survivor and on the killed one once it is back (as a follower).
 */
class AlertsPairIT {
    @RegisterExtension
    static final EmbeddedKafkaExtension KAFKA = new EmbeddedKafkaExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "kata-sandi-uji";
    private static final Duration START = Duration.ofSeconds(120);
    /** The requirement: the other instance serves within 30 s of a kill. */
    private static final Duration TAKEOVER = Duration.ofSeconds(30);
    private static final String ROUTING = """
            routes:
              - event: confirmed
                receivers: [supervisor]
                groupWait: 0s
            """;

    @TempDir
    Path dir;
    private final List<ChildJvm> children = new ArrayList<>();
    private GreenMail mail;

    @AfterEach
    void stopEverything() throws Exception {
        for (ChildJvm c : children) {
            c.close();
        }
        if (mail != null) {
            mail.stop();
        }
    }

    @Test
    void theSurvivorOfASigkillTakesOverWithEachCaseAndMailOnceAndTheAnalystStillLoggedIn() throws Exception {
        int smtp = ChildJvm.freePort();
        mail = new GreenMail(new ServerSetup(smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        Map<String, String> topics = new LinkedHashMap<>();
        for (String t : List.of("alerts", "alert-events", "notifications", "silences", "audit-log", "alerts-sessions")) {
            topics.put(t, KAFKA.uniqueName(t));
        }
        alertsTopic = topics.get("alerts");
        KAFKA.createTopic(alertsTopic, 3, Map.of());
        KAFKA.createTopic(topics.get("alert-events"), 1, Map.of());
        KAFKA.createTopic(topics.get("notifications"), 3, Map.of());
        KAFKA.createTopic(topics.get("silences"), 1, Map.of());
        KAFKA.createTopic(topics.get("audit-log"), 1, Map.of());
        Path users = dir.resolve("users.yml");
        UsersFile.write(users, List.of(new User("ani", Role.ANALYST, Jurisdiction.parse("national", Regions.bundled()),
                PasswordHash.hash(PASSWORD.toCharArray(), 1000), null)));
        Path routing = Files.writeString(dir.resolve("routing.yml"), ROUTING);
        int portA = ChildJvm.freePort();
        int portB = ChildJvm.freePort();
        Path propsA = settings("a", portA, topics, users, routing, smtp);
        Path propsB = settings("b", portB, topics, users, routing, smtp);

        // A starts first and leads; B follows.
        ChildJvm a = start(propsA, "a-1");
        awaitReady(a, portA);
        await().atMost(START).until(() -> a.log().contains("(a) leads now"));
        ChildJvm b = start(propsB, "b");
        awaitReady(b, portB);

        String cookie = login(portA);
        String csrf = Json.mapper().readTree(get(portA, "/api/session", cookie).body()).get("csrfToken").asText();

        // Alerts flow; three cases are confirmed on A.
        List<Alert> before = alerts(0, 30);
        publish(before);
        await().atMost(START).until(() -> casesOf(portA, cookie).keySet().containsAll(urls(before)));
        Map<String, String> caseOfAlert = casesOf(portA, cookie);
        List<String> confirmed = new ArrayList<>();
        for (Alert x : before.subList(0, 3)) {
            confirm(portA, cookie, csrf, caseOfAlert.get(x.post().url().toString()));
            confirmed.add(caseOfAlert.get(x.post().url().toString()));
        }
        // Their mails recorded delivered before the kill: a mail the SMTP server accepted just before its sender died is
        // sent again with the same Message-ID (the outbox's one documented duplicate), which is not what this test is about.
        await().atMost(START).until(() -> mail.getReceivedMessages().length == 3 && delivered(topics.get("notifications")) == 3);

        // Alerts keep coming while A is killed outright; the same alerts are delivered twice, as a producer retry would.
        List<Alert> during = alerts(30, 60);
        publish(during.subList(0, 10));
        a.process().destroyForcibly().waitFor();
        long killedAt = System.nanoTime();
        publish(during.subList(10, 30));
        publish(before.subList(25, 30));

        // B serves, with the session opened on A, and opens cases for the alerts that came after the kill.
        List<Alert> after = alerts(60, 70);
        publish(after);
        await().atMost(TAKEOVER.minusNanos(System.nanoTime() - killedAt)).ignoreExceptions().until(() -> casesOf(portB, cookie).keySet().containsAll(urls(after)));
        assertThat(b.log()).contains("(b) leads now");
        await().atMost(START).until(() -> casesOf(portB, cookie).keySet().containsAll(urls(during)));

        // Cases confirmed on B with A's session; then A comes back as a follower, with the session still valid.
        caseOfAlert = casesOf(portB, cookie);
        for (Alert x : List.of(during.get(0), during.get(15), after.get(5))) {
            confirm(portB, cookie, csrf, caseOfAlert.get(x.post().url().toString()));
            confirmed.add(caseOfAlert.get(x.post().url().toString()));
        }
        ChildJvm again = start(propsA, "a-2");
        awaitReady(again, portA);
        await().atMost(START).until(() -> casesOf(portA, cookie).keySet().containsAll(urls(after)));
        String backOnA = casesOf(portA, cookie).get(after.get(0).post().url().toString());
        confirm(portA, cookie, csrf, backOnA);
        confirmed.add(backOnA);
        assertThat(again.log()).doesNotContain("(a) leads now");

        // Every alert in exactly one case, every case opened once, numbers never reused.
        List<AlertEvent> events = new ArrayList<>();
        TopicReader.readToEnd(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Topics.ALERT_EVENTS.withName(topics.get("alert-events")),
                (k, e) -> events.add(e));
        Map<String, Long> placements = events.stream().filter(e -> e.type() == AlertEvent.Type.OPENED || e.type() == AlertEvent.Type.ALERT_ADDED)
                .collect(Collectors.groupingBy(AlertEvent::alertId, Collectors.counting()));
        List<Alert> all = new ArrayList<>(before);
        all.addAll(during);
        all.addAll(after);
        assertThat(placements).as("placements per alert").containsOnlyKeys(ids(all)).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
        Map<String, Long> openings = events.stream().filter(e -> e.type() == AlertEvent.Type.OPENED)
                .collect(Collectors.groupingBy(AlertEvent::caseId, Collectors.counting()));
        assertThat(openings).hasSize(all.size()).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));

        // Each confirmation mailed once to the ASN's supervisor, nothing else.
        await().atMost(START).until(() -> delivered(topics.get("notifications")) == confirmed.size());
        MimeMessage[] mails = mail.getReceivedMessages();
        assertThat(mails).hasSize(confirmed.size());
        assertThat(Arrays.stream(mails).map(AlertsPairIT::messageId).collect(Collectors.toSet())).hasSize(confirmed.size());
        Set<String> mailed = new TreeSet<>();
        for (MimeMessage m : mails) {
            for (String c : confirmed) {
                if (m.getSubject().contains(c)) {
                    mailed.add(c);
                }
            }
        }
        assertThat(mailed).containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(Arrays.stream(mails).map(m -> recipient(m)).collect(Collectors.toSet())).hasSize(confirmed.size());
    }

    private Path settings(String instance, int port, Map<String, String> topics, Path users, Path routing, int smtp) throws IOException {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("kafka.bootstrap.servers", KAFKA.bootstrapServers());
        s.put("http.host", "127.0.0.1");
        s.put("http.port", String.valueOf(port));
        s.put("alerts.instance-id", instance);
        s.put("alerts.state-dir", dir.resolve("state-" + instance).toString());
        s.put("alerts.topic", topics.get("alerts"));
        s.put("alerts.events-topic", topics.get("alert-events"));
        s.put("alerts.notifications-topic", topics.get("notifications"));
        s.put("alerts.silences-topic", topics.get("silences"));
        s.put("alerts.audit-topic", topics.get("audit-log"));
        s.put("alerts.sessions-topic", topics.get("alerts-sessions"));
        s.put("alerts.users", users.toString());
        s.put("alerts.routing", routing.toString());
        s.put("alerts.smtp.host", "127.0.0.1");
        s.put("alerts.smtp.port", String.valueOf(smtp));
        s.put("alerts.smtp.starttls", "false");
        s.put("alerts.notify.retry-initial", "200");
        s.put("alerts.public-url", "http://netra.test");
        return Files.writeString(dir.resolve(instance + ".properties"), s.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n")));
    }

    private ChildJvm start(Path props, String name) throws IOException {
        ChildJvm c = ChildJvm.start(AlertsApp.class, dir.resolve(name + ".log"), props.toString());
        children.add(c);
        return c;
    }

    private static void awaitReady(ChildJvm c, int port) {
        await().atMost(START).ignoreExceptions().until(() -> {
            assertThat(c.process().isAlive()).as("the alerts service runs; log:%n%s", c.log()).isTrue();
            return get(port, "/ready", null).statusCode() == 200;
        });
    }

    /** Logs in on the form; the session cookie. */
    private static String login(int port) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("name=ani&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(303);
        String set = r.headers().firstValue("Set-Cookie").orElseThrow();
        return set.substring(0, set.indexOf(';'));
    }

    private static HttpResponse<String> get(int port, String path, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void confirm(int port, String cookie, String csrf, String caseId) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/cases/" + caseId + "/actions"))
                .header("Cookie", cookie).header("X-CSRF-Token", csrf).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"action\":\"confirmed\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("confirming %s on port %d: %s", caseId, port, r.body()).isEqualTo(200);
    }

    /** The address of each case's first post to its case id, for every case the instance shows (through its API, with the session). */
    private static Map<String, String> casesOf(int port, String cookie) throws Exception {
        HttpResponse<String> r = get(port, "/api/cases?limit=10000", cookie);
        assertThat(r.statusCode()).as("GET /api/cases on %d: %s", port, r.body()).isEqualTo(200);
        Map<String, String> out = new HashMap<>();
        for (JsonNode c : Json.mapper().readTree(r.body()).get("cases")) {
            out.put(c.get("url").asText(), c.get("id").asText());
        }
        return out;
    }

    private long delivered(String notifications) {
        List<NotificationEvent> out = new ArrayList<>();
        TopicReader.readToEnd(Map.of("bootstrap.servers", KAFKA.bootstrapServers()), Topics.NOTIFICATIONS.withName(notifications), (k, v) -> out.add(v));
        return out.stream().filter(e -> e.type() == NotificationEvent.Type.DELIVERED).map(NotificationEvent::notificationId).distinct().count();
    }

    private static String messageId(MimeMessage m) {
        try {
            return m.getMessageID();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String recipient(MimeMessage m) {
        try {
            return Arrays.stream(m.getRecipients(Message.RecipientType.TO)).map(Object::toString).collect(Collectors.joining(","));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> ids(List<Alert> alerts) {
        return alerts.stream().map(Alert::id).toList();
    }

    /** The addresses of the alerts' posts (each alert here is alone in its case, so its post is the case's first). */
    private static List<String> urls(List<Alert> alerts) {
        return alerts.stream().map(a -> a.post().url().toString()).toList();
    }

    private void publish(List<Alert> alerts) {
        String topic = alertsTopic;
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", KAFKA.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (Alert a : alerts) {
                p.send(new ProducerRecord<>(topic, a.id(), Topics.ALERTS.valueSerde().serializer().serialize(topic, a)));
            }
        }
    }

    private String alertsTopic;

    /** MEDIUM alerts {@code from} (inclusive) to {@code to}: each about another ASN, with a supervisor of their own. */
    private static List<Alert> alerts(int from, int to) {
        List<Alert> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            String nip = String.format("1985010120100110%02d", i);
            AsnRecord asn = new AsnRecord(nip, "ASN " + i, "Pemerintah Kota Metro", "Dinas Pendidikan", "Guru", "18.72", "Atasan " + i,
                    "atasan" + i + "@example.go.id", List.of(Account.parse("x:asn" + i)));
            String postId = "90" + i;
            Post post = new Post(Platform.X, postId, URI.create("https://x.com/u/status/" + postId), new Author("asn" + i, asn.name()),
                    "Ayo coblos nomor 3, pesan " + i, OffsetDateTime.parse("2024-11-01T10:00:00+07:00").plusMinutes(i), PostKind.POST);
            out.add(new Alert(Alert.idFor(post.key(), "w1", "r1"), Platform.X, postId, nip, Severity.MEDIUM, "call-to-vote",
                    "Ajakan mencoblos nomor 3.", new Alert.Violation("Ajakan memilih pasangan calon melalui media sosial",
                    "Kampanye di media sosial", List.of("PP 94/2021 Pasal 5 huruf n")), post, asn,
                    List.of(new Alert.CandidateMatch("pilwalkot-metro", "metro-03", 3, List.of("Bagus Wirawan"), "18.72", true)),
                    List.of(), List.of(), "w1", "r1", "cues-v2"));
        }
        return out;
    }
}
