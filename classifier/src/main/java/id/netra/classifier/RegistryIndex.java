package id.netra.classifier;

import id.netra.model.Account;
import id.netra.model.AsnRecord;
import id.netra.model.Author;
import id.netra.model.Platform;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The registry by account ({@link Account#lookupKey()}): several accounts per person, one person per account. */
public final class RegistryIndex {
    private final Map<String, AsnRecord> byAccount = new HashMap<>();

    public RegistryIndex(Collection<AsnRecord> records) {
        for (AsnRecord r : records) {
            for (Account a : r.accounts()) {
                byAccount.put(a.lookupKey(), r);
            }
        }
    }

    public Optional<AsnRecord> find(Platform platform, Author author) {
        return Optional.ofNullable(byAccount.get(Account.lookupKey(platform, author.handle())));
    }

    public int accounts() {
        return byAccount.size();
    }
}
