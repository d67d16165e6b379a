package id.netra.ingest.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Turns a host name into addresses: the system's DNS, or in tests a resolver whose answers change (DNS rebinding). */
@FunctionalInterface
interface HostResolver {
    /** The system resolver ({@link InetAddress#getAllByName}); an IP literal is returned as it is, without a look-up. */
    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
