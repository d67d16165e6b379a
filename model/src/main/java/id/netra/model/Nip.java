package id.netra.model;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * The NIP (Nomor Induk Pegawai) of an ASN: 18 digits, {@code YYYYMMDD} birth date, {@code YYYYMM} start date, a sex
 * digit (1 male, 2 female) and a 3-digit sequence. {@link #problem} says what is wrong with one, so a registry import
 * can name it.
 */
public final class Nip {
    /** The youngest age at which someone enters the civil service. */
    static final int MIN_START_AGE = 18;
    /** The oldest birth year accepted: anyone born before is long retired. */
    static final int MIN_BIRTH_YEAR = 1940;

    private Nip() {
    }

    /** What is wrong with {@code nip} as of {@code today}, or nothing if it is a valid NIP. */
    public static Optional<String> problem(String nip, LocalDate today) {
        if (nip == null || nip.length() != 18 || !nip.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("nip '" + nip + "' is not 18 digits");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(nip.substring(0, 4)), Integer.parseInt(nip.substring(4, 6)),
                    Integer.parseInt(nip.substring(6, 8)));
        } catch (DateTimeException e) {
            return Optional.of("nip " + nip + ": birth date " + nip.substring(0, 8) + " is not a date (YYYYMMDD)");
        }
        YearMonth start;
        try {
            start = YearMonth.of(Integer.parseInt(nip.substring(8, 12)), Integer.parseInt(nip.substring(12, 14)));
        } catch (DateTimeException e) {
            return Optional.of("nip " + nip + ": start date " + nip.substring(8, 14) + " is not a month (YYYYMM)");
        }
        char sex = nip.charAt(14);
        if (sex != '1' && sex != '2') {
            return Optional.of("nip " + nip + ": sex digit is " + sex + ", expected 1 (male) or 2 (female)");
        }
        if (birth.getYear() < MIN_BIRTH_YEAR || birth.isAfter(today.minusYears(MIN_START_AGE))) {
            return Optional.of("nip " + nip + ": birth date " + birth + " is not that of someone in service");
        }
        if (start.isBefore(YearMonth.from(birth.plusYears(MIN_START_AGE)))) {
            return Optional.of("nip " + nip + ": start date " + start + " is before the age of " + MIN_START_AGE);
        }
        if (start.isAfter(YearMonth.from(today).plusYears(1))) {
            return Optional.of("nip " + nip + ": start date " + start + " is in the future");
        }
        return Optional.empty();
    }
}
