package id.netra.ingest.http;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The SSRF guard: a source must not make Netra fetch its own network (cloud metadata, the broker, an intranet), so
 * addresses that resolve to loopback, private, link-local, carrier-grade NAT, unique-local, multicast or unspecified
 * addresses are refused unless the source allows private addresses.
 *
 * <p>The check resolves the host before the request and the HTTP client resolves it again to connect; a DNS answer
 * that changes in between (DNS rebinding) is not caught. Redirects are checked hop by hop.
 */
final class AddressGuard {
    private AddressGuard() {
    }

    /** @throws FetchException {@code BLOCKED_ADDRESS} or {@code IO} (unknown host) */
    static void check(URI url, boolean allowPrivate) throws FetchException {
        if (allowPrivate) {
            return;
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(url.getHost());
        } catch (UnknownHostException e) {
            throw new FetchException(FetchException.Kind.IO, url, 0, null, url + ": unknown host " + url.getHost(), e);
        }
        for (InetAddress a : addresses) {
            if (blocked(a)) {
                throw new FetchException(FetchException.Kind.BLOCKED_ADDRESS, url,
                        url + ": refused, " + url.getHost() + " is the internal address " + a.getHostAddress()
                                + " (set allowPrivate: true on the source to allow it)");
            }
        }
    }

    /** Whether an address is one Netra must not fetch from the internet's side. */
    static boolean blocked(InetAddress a) {
        if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isMulticastAddress()) {
            return true;
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first == 10 || first == 127
                    || (first == 100 && second >= 64 && second <= 127)
                    || (first == 169 && second == 254)
                    || (first == 172 && second >= 16 && second <= 31)
                    || (first == 192 && second == 168)
                    || first >= 224;
        }
        if (a instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return true;
            }
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= b[i] == 0;
            }
            if (mapped && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
                try {
                    return blocked(InetAddress.getByAddress(new byte[] {b[12], b[13], b[14], b[15]}));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
