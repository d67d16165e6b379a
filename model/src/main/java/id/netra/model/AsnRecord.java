package id.netra.model;

import java.util.List;

/**
 * One civil servant (ASN) of the registry. Value of the compacted {@code registry} topic, keyed by NIP;
 * a tombstone (null value) means the person left service.
 *
 * @param nip        the 18-digit NIP
 * @param regionCode Kemendagri code of the agency's region ({@code 18.72}, or {@code 18} for a province)
 * @param accounts   the person's known public accounts
 */
public record AsnRecord(
        String nip,
        String name,
        String agency,
        String unit,
        String position,
        String regionCode,
        String supervisorName,
        String supervisorEmail,
        List<Account> accounts) {

    public AsnRecord {
        Validate.notBlank(nip, "nip");
        Validate.isTrue(nip.length() == 18 && nip.chars().allMatch(c -> c >= '0' && c <= '9'),
                "nip '" + nip + "' is not 18 digits");
        Validate.notBlank(name, "name");
        Validate.notBlank(regionCode, "region_code");
        accounts = accounts == null ? List.of() : List.copyOf(accounts);
    }
}
