package id.netra.ingest.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's resolver: each connection looks the host up once, here, the answer is vetted by the
 * {@link AddressGuard}, and the client connects to exactly the addresses vetted. A name whose DNS answer changes
 * between a check and the connect (DNS rebinding) therefore cannot lead the fetcher to an internal address: there is
 * no second look-up. TLS still verifies the certificate against, and sends SNI for, the host name of the address.
 */
final class PinnedResolver implements DnsResolver {
    private final HostResolver dns;
    private final boolean allowPrivate;

    /** A host resolved to an internal address; the connection is not made. */
    static final class Blocked extends UnknownHostException {
        final InetAddress address;

        Blocked(String host, InetAddress address) {
            super(host + " resolves to the internal address " + address.getHostAddress());
            this.address = address;
        }
    }

    PinnedResolver(HostResolver dns, boolean allowPrivate) {
        this.dns = dns;
        this.allowPrivate = allowPrivate;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = dns.resolve(bare);
        if (!allowPrivate) {
            // Every address counts: the client may connect to any of them.
            for (InetAddress a : addresses) {
                if (AddressGuard.isBlocked(a)) {
                    throw new Blocked(bare, a);
                }
            }
        }
        return addresses.clone();
    }

    @Override
    public String resolveCanonicalHostname(String host) {
        // No reverse look-ups: the name given is the name used (for TLS too).
        return host;
    }
}
