package id.netra.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which peers may say who the client is: the reverse proxies in front of a service. A request from one of them has
 * its client address taken from {@code X-Forwarded-For}, read from the right (the entry the nearest proxy appended)
 * past every trusted proxy; from anyone else the header is ignored, so a client cannot choose its own address (and
 * escape a per-address login throttle). With no trusted proxies the peer address is the client.
 */
public final class TrustedProxies {
    /** No proxy is trusted. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private final List<Range> ranges;

    private record Range(byte[] network, int bits, String text) {
        boolean contains(InetAddress a) {
            byte[] b = a.getAddress();
            if (b.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (b[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xFF << (8 - rest) & 0xFF;
            return (b[full] & mask) == (network[full] & mask);
        }
    }

    private TrustedProxies(List<Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /**
     * @param spec comma-separated addresses or CIDR ranges ({@code 10.0.0.5, 172.18.0.0/16, ::1}); blank: none
     * @throws IllegalArgumentException naming the entry that is not an IP address or range, and the key
     */
    public static TrustedProxies parse(String spec, String key) {
        if (spec == null || spec.isBlank()) {
            return NONE;
        }
        List<Range> out = new ArrayList<>();
        for (String raw : spec.split(",")) {
            String entry = raw.strip();
            if (entry.isEmpty()) {
                continue;
            }
            String[] parts = entry.split("/", 2);
            InetAddress a = literal(parts[0]).orElseThrow(() -> new IllegalArgumentException(
                    "Setting '" + key + "': '" + entry + "' is not an IP address or CIDR range (names are not resolved)"));
            int max = a.getAddress().length * 8;
            int bits;
            try {
                bits = parts.length == 2 ? Integer.parseInt(parts[1].strip()) : max;
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("Setting '" + key + "': '" + entry + "' has a prefix length outside 0.." + max);
            }
            out.add(new Range(a.getAddress(), bits, entry));
        }
        return new TrustedProxies(out);
    }

    /** Whether {@code address} (an IP literal) is a trusted proxy. */
    public boolean trusts(String address) {
        return literal(address).map(a -> ranges.stream().anyMatch(r -> r.contains(a))).orElse(false);
    }

    /**
     * The client's address: the peer, unless the peer is a trusted proxy; then the right-most entry of
     * {@code X-Forwarded-For} that is not a trusted proxy (the left-most if all are).
     *
     * @param peer          the address of the TCP peer
     * @param forwardedFor  the {@code X-Forwarded-For} header values, joined with commas ({@code null}: none)
     */
    public String clientAddress(String peer, String forwardedFor) {
        if (ranges.isEmpty() || !trusts(peer) || forwardedFor == null || forwardedFor.isBlank()) {
            return peer;
        }
        List<String> hops = Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        for (int i = hops.size() - 1; i >= 0; i--) {
            String hop = hops.get(i);
            if (literal(hop).isEmpty()) {
                // A proxy wrote something that is no address: trust nothing left of it.
                return peer;
            }
            if (!trusts(hop) || i == 0) {
                return literal(hop).get().getHostAddress();
            }
        }
        return peer;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** An IP literal without a DNS look-up, or empty. */
    private static java.util.Optional<InetAddress> literal(String s) {
        String t = s == null ? "" : s.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            t = t.substring(1, t.length() - 1);
        }
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}") && Arrays.stream(t.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return java.util.Optional.empty();
        }
        try {
            return java.util.Optional.of(InetAddress.getByName(t));
        } catch (UnknownHostException e) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::text).toList().toString();
    }
}
