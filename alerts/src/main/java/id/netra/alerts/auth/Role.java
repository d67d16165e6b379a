package id.netra.alerts.auth;

import java.util.Locale;

/** What a user may do: every role reads the cases of its jurisdiction; the rest depends on the role. */
public enum Role {
    /** Reads and triages cases. */
    ANALYST,
    /** Reads cases and the audit log; takes no action on a case. */
    AUDITOR,
    /** Everything. */
    ADMIN;

    /** Whether this role may assign, confirm, dismiss, escalate, comment on or reopen a case. */
    public boolean mayAct() {
        return this != AUDITOR;
    }

    /** Whether this role may read the audit log. */
    public boolean mayAudit() {
        return this != ANALYST;
    }

    /** The name used in the users file: {@code analyst}, {@code auditor}, {@code admin}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the roles there are */
    public static Role of(String id) {
        for (Role r : values()) {
            if (r.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown role '" + id + "' (analyst, auditor or admin)");
    }

    /** The Indonesian label shown in the page header. */
    public String label() {
        return switch (this) {
            case ANALYST -> "analis";
            case AUDITOR -> "auditor";
            case ADMIN -> "admin";
        };
    }
}
