package id.netra.ingest.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The SSRF guard: only http(s) addresses whose host resolves to public addresses are fetched, so a link in a post
 * or a redirect cannot make the ingest service read its own network (admin ports, cloud metadata at
 * 169.254.169.254, the Kafka brokers).
 *
 * <p>Limitation: the host is resolved here and again by the HTTP client when it connects. A name whose DNS answer
 * changes between the two look-ups (DNS rebinding) can slip through. Closing that gap needs connecting to the
 * checked address itself, which {@link java.net.http.HttpClient} does not offer without breaking TLS host
 * verification; the network the service runs in should still deny egress to internal ranges.
 */
final class AddressGuard {

    private AddressGuard() {
    }

    /**
     * @throws FetchException {@code BAD_URL} for a non-http(s) address or one without a host, {@code BLOCKED_ADDRESS}
     *                        when any address of the host is internal (unless the policy allows private addresses),
     *                        {@code IO} when the host does not resolve
     */
    static void check(URI url, HttpPolicy policy) throws FetchException {
        String host = hostOf(url);
        if (policy.allowPrivate()) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.IO, url, 0, null, "Cannot resolve the host of " + url, e);
        }
        // Every address counts: the client may connect to any of them.
        for (InetAddress a : addresses) {
            if (isBlocked(a)) {
                throw new FetchException(FetchException.Kind.BLOCKED_ADDRESS, url,
                        "Refused " + url + ": " + host + " resolves to the internal address " + a.getHostAddress());
            }
        }
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

    /** Whether an address is internal: loopback, private, link-local, CGNAT, unique-local, multicast, reserved. */
    static boolean isBlocked(InetAddress a) {
        if (a.isAnyLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            return isBlockedV4(b);
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xFE) == 0xFC) {
                return true; // fc00::/7 unique local
            }
            byte[] v4 = embeddedV4(b);
            return v4 != null && isBlocked(v4Address(v4));
        }
        return true;
    }

    private static boolean isBlockedV4(byte[] b) {
        int first = b[0] & 0xFF;
        int second = b[1] & 0xFF;
        return first == 0                                   // 0.0.0.0/8 "this network"
                || first == 10                              // the private ranges again, so the IPv4 list reads whole
                || first == 127
                || (first == 100 && (second & 0xC0) == 64)  // 100.64.0.0/10 carrier-grade NAT
                || (first == 169 && second == 254)          // link-local and cloud metadata
                || (first == 172 && (second & 0xF0) == 16)
                || (first == 192 && second == 168)
                || first >= 224;                            // multicast, 240/4 reserved, 255.255.255.255 broadcast
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
}
