package id.netra.alerts.notify;

import id.netra.model.Notification;
import id.netra.model.Notification.Recipient;
import id.netra.model.Validate;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * One message to one recipient, covering one or more notifications. Its id is fixed when it is first sent (the
 * {@code sending} events name it) and stays the same on every retry and after a restart: e-mails carry it in their
 * Message-ID, webhook calls in {@code X-Netra-Delivery}, so a receiver can drop a copy it has seen.
 *
 * @param attempt the attempt about to be made, from 1
 */
record Digest(String id, Recipient recipient, List<Notification> members, int attempt) {
    Digest {
        Validate.notBlank(id, "digest id");
        members = List.copyOf(Validate.notEmpty(members, "digest members"));
        Validate.isTrue(attempt >= 1, "attempt must be at least 1");
    }

    /** The id of a message made of {@code members}: the notification's own id when it is alone. */
    static String idOf(List<Notification> members) {
        if (members.size() == 1) {
            return members.getFirst().id();
        }
        String joined = String.join("\n", members.stream().map(Notification::id).sorted().toList());
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return "d-" + HexFormat.of().formatHex(hash).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
