package id.netra.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * What a service says about itself at {@code /health} (liveness: is every part that must keep running still running?)
 * and {@code /ready} (readiness: may traffic and work be sent to it now?). Each is a set of named components, UP or
 * DOWN; the whole is UP only when every component is. A check that throws counts as DOWN. The answers carry names and
 * states only, never error texts or paths: they are served without authentication.
 */
public final class Health {
    /** A component's or the whole's state. */
    public enum Status { UP, DOWN }

    /** The state of the whole and of each component, in the order they were added. */
    public record Report(Status status, Map<String, Status> components) {
        public Report {
            components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
        }

        public boolean up() {
            return status == Status.UP;
        }
    }

    private final Map<String, BooleanSupplier> liveness = new LinkedHashMap<>();
    private final Map<String, BooleanSupplier> readiness = new LinkedHashMap<>();

    /** Adds (or replaces) a liveness check: DOWN means the service is broken and must be restarted. */
    public synchronized Health liveness(String component, BooleanSupplier up) {
        liveness.put(component, up);
        return this;
    }

    /** Adds (or replaces) a readiness check: DOWN means the service is starting or catching up. */
    public synchronized Health readiness(String component, BooleanSupplier up) {
        readiness.put(component, up);
        return this;
    }

    /** Removes a component's checks (a part that was stopped on purpose, e.g. a source removed from the configuration). */
    public synchronized void remove(String component) {
        liveness.remove(component);
        readiness.remove(component);
    }

    public Report live() {
        return report(snapshot(liveness));
    }

    /** Readiness includes liveness: a service that is not alive is not ready either. */
    public Report ready() {
        Map<String, BooleanSupplier> all = snapshot(liveness);
        all.putAll(snapshot(readiness));
        return report(all);
    }

    private synchronized Map<String, BooleanSupplier> snapshot(Map<String, BooleanSupplier> checks) {
        return new LinkedHashMap<>(checks);
    }

    private static Report report(Map<String, BooleanSupplier> checks) {
        Map<String, Status> out = new LinkedHashMap<>();
        checks.forEach((name, check) -> out.put(name, evaluate(check)));
        boolean up = out.values().stream().allMatch(s -> s == Status.UP);
        return new Report(up ? Status.UP : Status.DOWN, out);
    }

    private static Status evaluate(BooleanSupplier check) {
        try {
            return check.getAsBoolean() ? Status.UP : Status.DOWN;
        } catch (RuntimeException e) {
            return Status.DOWN;
        }
    }
}
