package id.netra.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Finds and checks TCP ports on the loopback host the broker listens on. */
final class Ports {

    private Ports() {
    }

    /** A port that was free a moment ago; the broker binds it right after, so the race is tiny. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(BrokerConfig.HOST, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not find a free port on " + BrokerConfig.HOST + ".", e);
        }
    }

    /** Throws {@link IllegalStateException} naming the port when something already listens on it. */
    static void requireFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(BrokerConfig.HOST, port));
        } catch (IOException e) {
            throw new IllegalStateException("Kafka broker port " + port + " on " + BrokerConfig.HOST
                    + " is already in use (" + e.getMessage() + "). Stop the process listening on it"
                    + " or choose another port.", e);
        }
    }
}
