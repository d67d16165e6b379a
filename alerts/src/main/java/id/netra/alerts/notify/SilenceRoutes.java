package id.netra.alerts.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import id.netra.model.Json;
import id.netra.model.Regions;
import id.netra.model.Silence;
import id.netra.alerts.auth.Access;
import id.netra.alerts.auth.Routes;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * The silences API: every logged-in user may list them, those who may act set and lift them (403 otherwise; 401 without
 * a session), each user seeing, setting and lifting only the silences within their jurisdiction (a person or region in
 * it; a candidate's silence only nationally), NIPs masked:
 *
 * <ul>
 *   <li>{@code GET /api/silences} the silences in force; {@code ?all=true} also the expired and lifted ones</li>
 *   <li>{@code POST /api/silences} {@code {"kind": "nip|candidate|region", "value": "...", "reason": "...",
 *       "expiresAt": "2024-11-30T00:00:00Z"}} (or {@code "duration": "PT24H"} instead of {@code expiresAt}): 201 with
 *       the silence; 400 naming the field that is wrong</li>
 *   <li>{@code DELETE /api/silences/{id}?reason=...} (or the reason in a JSON body) lifts it: 200, 404 unknown,
 *       409 already lifted or expired, 400 without a reason</li>
 * </ul>
 */
final class SilenceRoutes {
    static final Duration LONGEST = Duration.ofDays(366);
    private static final int MAX_REASON = 500;

    private final Notifier notifier;
    private final Clock clock;

    SilenceRoutes(Notifier notifier, Clock clock) {
        this.notifier = notifier;
        this.clock = clock;
    }

    void register(Routes routes, Function<Context, SilenceActor> who) {
        routes.get("/api/silences", Access.LOGGED_IN, ctx -> list(ctx, who.apply(ctx)));
        routes.post("/api/silences", Access.MAY_ACT, ctx -> create(ctx, who.apply(ctx)));
        routes.delete("/api/silences/{id}", Access.MAY_ACT, ctx -> lift(ctx, who.apply(ctx)));
    }

    /** The silences within the user's reach, NIPs masked: a list, like every list. */
    private void list(Context ctx, SilenceActor user) throws JsonProcessingException {
        boolean all = "true".equalsIgnoreCase(ctx.queryParam("all"));
        Instant now = clock.instant();
        List<Map<String, Object>> out = notifier.silences().all().stream().filter(x -> all || x.status(now).equals("active"))
                .filter(x -> user.scope().test(x.silence().matcher())).map(x -> masked(view(x, now))).toList();
        reply(ctx, 200, Map.of("silences", out));
    }

    private static Map<String, Object> masked(Map<String, Object> view) {
        if ("nip".equals(view.get("kind")) && view.get("value") instanceof String nip && nip.length() == 18) {
            view.put("value", nip.substring(0, 8) + "********" + nip.substring(16));
        }
        return view;
    }

    private void create(Context ctx, SilenceActor actor) throws JsonProcessingException {
        String user = actor.name();
        JsonNode body;
        try {
            body = Json.mapper().readTree(ctx.body());
        } catch (JsonProcessingException e) {
            reply(ctx, 400, Map.of("error", "the body is not JSON: " + e.getOriginalMessage()));
            return;
        }
        if (body == null || !body.isObject()) {
            reply(ctx, 400, Map.of("error", "the body must be a JSON object with kind, value, reason and expiresAt or duration"));
            return;
        }
        Instant now = clock.instant();
        Silence s;
        try {
            Silence.Kind kind = Silence.Kind.of(body.path("kind").asText(""));
            String value = body.path("value").asText("").strip();
            check(kind, value);
            String reason = reason(body.path("reason").asText(""));
            Instant expiresAt = expiry(body, now);
            if (!actor.scope().test(new Silence.Matcher(kind, value))) {
                reply(ctx, 403, Map.of("error", kind == Silence.Kind.CANDIDATE
                        ? "a candidate's silence holds in every region: only a national user may set one"
                        : "value: " + Inert.line(value, 40) + " is outside your jurisdiction"));
                return;
            }
            s = new Silence("s-" + UUID.randomUUID(), new Silence.Matcher(kind, value), expiresAt, reason, user, now);
        } catch (IllegalArgumentException e) {
            reply(ctx, 400, Map.of("error", e.getMessage()));
            return;
        }
        notifier.createSilence(s);
        reply(ctx, 201, masked(view(new SilenceBook.Entry(s, null), now)));
    }

    private void lift(Context ctx, SilenceActor actor) throws JsonProcessingException {
        String user = actor.name();
        String id = ctx.pathParam("id");
        // A silence outside the user's reach is as unknown to them as one that does not exist.
        if (notifier.silences().get(id).filter(x -> actor.scope().test(x.silence().matcher())).isEmpty()) {
            reply(ctx, 404, Map.of("error", "no silence " + id));
            return;
        }
        String reason = ctx.queryParam("reason");
        if ((reason == null || reason.isBlank()) && !ctx.body().isBlank()) {
            try {
                reason = Json.mapper().readTree(ctx.body()).path("reason").asText("");
            } catch (JsonProcessingException e) {
                reply(ctx, 400, Map.of("error", "the body is not JSON: " + e.getOriginalMessage()));
                return;
            }
        }
        try {
            notifier.liftSilence(id, user, reason(reason == null ? "" : reason));
        } catch (IllegalArgumentException e) {
            reply(ctx, 400, Map.of("error", e.getMessage()));
            return;
        } catch (IllegalStateException e) {
            reply(ctx, 409, Map.of("error", e.getMessage()));
            return;
        }
        reply(ctx, 200, masked(view(notifier.silences().get(id).orElseThrow(), clock.instant())));
    }

    private static void check(Silence.Kind kind, String value) {
        switch (kind) {
            case NIP -> {
                if (!value.matches("\\d{18}")) {
                    throw new IllegalArgumentException("value: a NIP is 18 digits, not '" + Inert.line(value, 40) + "'");
                }
            }
            case REGION -> {
                if (!Regions.bundled().isKnown(value)) {
                    throw new IllegalArgumentException("value: '" + Inert.line(value, 40) + "' is not a Kemendagri region code (e.g. 18 or 18.72)");
                }
            }
            case CANDIDATE -> {
                if (value.isEmpty() || value.length() > 100 || !value.matches("[A-Za-z0-9._:-]+")) {
                    throw new IllegalArgumentException("value: a candidate id such as pilwalkot-metro-03 is required");
                }
            }
        }
    }

    private static String reason(String reason) {
        String r = Inert.text(reason, MAX_REASON + 1);
        if (r.isBlank()) {
            throw new IllegalArgumentException("reason: say why (it is kept for the audit)");
        }
        if (r.length() > MAX_REASON) {
            throw new IllegalArgumentException("reason: at most " + MAX_REASON + " characters");
        }
        return r;
    }

    private static Instant expiry(JsonNode body, Instant now) {
        Instant at;
        try {
            if (body.hasNonNull("expiresAt")) {
                at = Instant.parse(body.get("expiresAt").asText());
            } else if (body.hasNonNull("duration")) {
                at = now.plus(Duration.parse(body.get("duration").asText()));
            } else {
                throw new IllegalArgumentException("expiresAt (an instant such as 2024-11-30T00:00:00Z) or duration (such as PT24H) is required");
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expiresAt must be an instant such as 2024-11-30T00:00:00Z, duration one such as PT24H");
        }
        if (!at.isAfter(now)) {
            throw new IllegalArgumentException("expiresAt: a silence must end in the future");
        }
        if (at.isAfter(now.plus(LONGEST))) {
            throw new IllegalArgumentException("expiresAt: a silence lasts at most " + LONGEST.toDays() + " days");
        }
        return at;
    }

    private static Map<String, Object> view(SilenceBook.Entry x, Instant now) {
        Silence s = x.silence();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("kind", s.matcher().kind().id());
        m.put("value", s.matcher().value());
        m.put("reason", s.reason());
        m.put("createdBy", s.createdBy());
        m.put("createdAt", s.createdAt().toString());
        m.put("expiresAt", s.expiresAt().toString());
        m.put("status", x.status(now));
        if (x.lifted() != null) {
            m.put("liftedBy", x.lifted().actor());
            m.put("liftedAt", x.lifted().at().toString());
            m.put("liftReason", x.lifted().reason());
        }
        return m;
    }

    private static void reply(Context ctx, int status, Object value) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(Json.mapper().writeValueAsString(value));
    }
}
