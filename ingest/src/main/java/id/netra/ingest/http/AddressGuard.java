package id.netra.ingest.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The SSRF guard: only http(s) addresses whose host resolves to public addresses are fetched, so a link in a post
 * or a redirect cannot make the ingest service read its own network (admin ports, cloud metadata at
 * 169.254.169.254, the Kafka brokers).
 *
 * <p>{@link #check} refuses early, with a clear message, before robots.txt is asked. The decision that counts is
 * made again at each connection by {@link PinnedResolver}, which resolves the host once and hands the HTTP client
 * exactly the addresses it vetted: a DNS answer that changes between the two (rebinding) is caught there.
 *
 * <p>Blocked: every range of the IANA IPv4 and IPv6 special-purpose address registries that is not globally
 * reachable, multicast, and IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) when
 * that address would be blocked (6to4 and Teredo always: their IPv4 end is not checkable here).
 */
final class AddressGuard {
    /** IPv4 ranges not globally reachable (RFC 6890 and the IANA registry), besides what the JDK flags itself. */
    private static final List<Cidr> V4 = List.of(
            Cidr.of("0.0.0.0/8"),           // "this network"
            Cidr.of("10.0.0.0/8"),          // private
            Cidr.of("100.64.0.0/10"),       // shared address space (carrier-grade NAT)
            Cidr.of("127.0.0.0/8"),         // loopback
            Cidr.of("169.254.0.0/16"),      // link-local, cloud metadata
            Cidr.of("172.16.0.0/12"),       // private
            Cidr.of("192.0.0.0/24"),        // IETF protocol assignments (DS-Lite, NAT64 discovery...)
            Cidr.of("192.0.2.0/24"),        // documentation (TEST-NET-1)
            Cidr.of("192.88.99.0/24"),      // 6to4 relay anycast (deprecated)
            Cidr.of("192.168.0.0/16"),      // private
            Cidr.of("198.18.0.0/15"),       // benchmarking
            Cidr.of("198.51.100.0/24"),     // documentation (TEST-NET-2)
            Cidr.of("203.0.113.0/24"),      // documentation (TEST-NET-3)
            Cidr.of("224.0.0.0/4"),         // multicast
            Cidr.of("240.0.0.0/4"));        // reserved, and 255.255.255.255 broadcast
    /** IPv6 ranges not globally reachable; those embedding IPv4 are handled by {@link #embeddedV4}. */
    private static final List<Cidr> V6 = List.of(
            Cidr.of("::/128"), Cidr.of("::1/128"),
            Cidr.of("64:ff9b:1::/48"),      // local-use NAT64
            Cidr.of("100::/64"),            // discard-only
            Cidr.of("2001::/32"),           // Teredo: the IPv4 end is obfuscated, so never reachable through this guard
            Cidr.of("2001:2::/48"),         // benchmarking
            Cidr.of("2001:10::/28"),        // ORCHID (deprecated)
            Cidr.of("2001:20::/28"),        // ORCHIDv2
            Cidr.of("2001:db8::/32"),       // documentation
            Cidr.of("2002::/16"),           // 6to4: reaches whatever IPv4 address it embeds, relays included
            Cidr.of("3fff::/20"),           // documentation
            Cidr.of("5f00::/16"),           // SRv6 SIDs
            Cidr.of("fc00::/7"),            // unique local
            Cidr.of("fe80::/10"),           // link-local
            Cidr.of("fec0::/10"),           // site-local (deprecated)
            Cidr.of("ff00::/8"));           // multicast

    private AddressGuard() {
    }

    /**
     * @throws FetchException {@code BAD_URL} for a non-http(s) address or one without a host, {@code BLOCKED_ADDRESS}
     *                        when any address of the host is internal (unless the policy allows private addresses),
     *                        {@code IO} when the host does not resolve
     */
    static void check(URI url, HttpPolicy policy, HostResolver dns) throws FetchException {
        String host = hostOf(url);
        if (policy.allowPrivate()) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = dns.resolve(host);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.IO, url, 0, null, "Cannot resolve the host of " + url, e);
        }
        for (InetAddress a : addresses) {
            if (isBlocked(a)) {
                throw blocked(url, host, a);
            }
        }
    }

    static FetchException blocked(URI url, String host, InetAddress a) {
        return new FetchException(FetchException.Kind.BLOCKED_ADDRESS, url,
                "Refused " + url + ": " + host + " resolves to the internal address " + a.getHostAddress());
    }

    /** The host of an http(s) address, brackets of an IPv6 literal removed. */
    static String hostOf(URI url) throws FetchException {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new FetchException(FetchException.Kind.BAD_URL, url, "Not an http(s) address: " + url);
        }
        String host = url.getHost();
        if (host == null || host.isEmpty()) {
            throw new FetchException(FetchException.Kind.BAD_URL, url, "No host in " + url);
        }
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Whether an address is internal: any range above, or what the JDK calls loopback, link- or site-local, multicast. */
    static boolean isBlocked(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return V4.stream().anyMatch(c -> c.contains(b));
        }
        if (a instanceof Inet6Address) {
            if (V6.stream().anyMatch(c -> c.contains(b))) {
                return true;
            }
            byte[] v4 = embeddedV4(b);
            return v4 != null && isBlocked(v4Address(v4));
        }
        return true;
    }

    /**
     * The IPv4 address inside an IPv4-mapped (::ffff:a.b.c.d), IPv4-compatible (::a.b.c.d) or NAT64
     * (64:ff9b::a.b.c.d) IPv6 address, or {@code null}. The JDK turns mapped literals into {@link Inet4Address}
     * itself, but not every path that builds an {@link Inet6Address} does.
     */
    private static byte[] embeddedV4(byte[] b) {
        byte[] head = Arrays.copyOf(b, 12);
        byte[] mapped = new byte[12];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        byte[] nat64 = {0, 0x64, (byte) 0xFF, (byte) 0x9B, 0, 0, 0, 0, 0, 0, 0, 0};
        if (Arrays.equals(head, mapped) || Arrays.equals(head, new byte[12]) || Arrays.equals(head, nat64)) {
            return Arrays.copyOfRange(b, 12, 16);
        }
        return null;
    }

    private static InetAddress v4Address(byte[] v4) {
        try {
            return InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("Four bytes are always an IPv4 address", e);
        }
    }

    /** A network and prefix length, IPv4 or IPv6. */
    private record Cidr(byte[] network, int bits) {
        static Cidr of(String text) {
            String[] parts = text.split("/");
            try {
                return new Cidr(InetAddress.getByName(parts[0]).getAddress(), Integer.parseInt(parts[1]));
            } catch (UnknownHostException e) {
                throw new IllegalStateException("not a literal: " + text, e);
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return rest == 0 || (address[full] & mask) == (network[full] & mask);
        }
    }
}
