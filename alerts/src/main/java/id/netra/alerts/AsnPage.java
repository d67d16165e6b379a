package id.netra.alerts;

import id.netra.alerts.auth.Session;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * One civil servant's page (template {@code asn.jte}, Indonesian labels): the record, the registry history, the cases
 * and the alerts of an {@link AsnView}. Times are shown in WIB (UTC+7), as on the case page.
 */
public final class AsnPage {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx");
    private static final ZoneOffset WIB = ZoneOffset.ofHours(7);

    private AsnPage() {
    }

    static String render(AsnView view, Session viewer) {
        return Templates.html("asn.jte", Map.of("view", view, "viewer", viewer));
    }

    public static String time(Instant at) {
        return at == null ? "" : at.atOffset(WIB).format(TIME);
    }

    public static String time(OffsetDateTime at) {
        return at == null ? "" : at.withOffsetSameInstant(WIB).format(TIME);
    }

    /** A value that may be absent in the registry. */
    public static String orDash(String value) {
        return value == null || value.isBlank() ? "—" : value;
    }
}
