package id.netra.alerts.notify;

/** Hands a digest to its channel. Returns when the channel accepted it; throws when it did not (or may not have). */
@FunctionalInterface
interface Sender {
    void send(Digest d) throws Exception;
}
