package id.netra.model;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the registry CSV ({@code shared/data/FORMATS.md}): RFC 4180 with the header
 * {@code nip,name,agency,unit,position,region_code,supervisor_name,supervisor_email,accounts}. Every row is
 * validated: an 18-digit NIP with a real birth date, start date and sex digit ({@link Nip}); a known Kemendagri
 * region code ({@link Regions}); accounts as {@code platform:handle} or profile addresses, spelled as the platform
 * allows; no NIP twice and no account claimed by two people. A bad row is reported with its line and the reason, and
 * the rest is read.
 */
public final class RegistryCsv {
    public static final List<String> HEADER = List.of("nip", "name", "agency", "unit", "position", "region_code",
            "supervisor_name", "supervisor_email", "accounts");

    /** The rows read and the rows rejected. */
    public record Result(List<AsnRecord> records, List<LineError> errors) {
        public Result {
            records = List.copyOf(records);
            errors = List.copyOf(errors);
        }
    }

    private RegistryCsv() {
    }

    public static Result read(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, file.toString());
        }
    }

    public static Result read(Reader reader, String fileName) throws IOException {
        return read(reader, fileName, LocalDate.now(ZoneOffset.UTC));
    }

    /** Reads and validates as of {@code today} (NIP dates are checked against it). */
    public static Result read(Reader reader, String fileName, LocalDate today) throws IOException {
        Map<String, Long> nipLines = new HashMap<>();
        Map<String, String> accountOwners = new HashMap<>();
        CsvMapper csv = new CsvMapper();
        csv.enable(CsvParser.Feature.WRAP_AS_ARRAY);
        csv.enable(CsvParser.Feature.TRIM_SPACES);
        List<AsnRecord> records = new ArrayList<>();
        List<LineError> errors = new ArrayList<>();
        try (MappingIterator<String[]> rows = csv.readerFor(String[].class).readValues(reader)) {
            if (!rows.hasNextValue()) {
                errors.add(new LineError(fileName, 1, "empty file; expected the header " + String.join(",", HEADER)));
                return new Result(records, errors);
            }
            List<String> columns = Arrays.stream(rows.nextValue()).map(String::strip).toList();
            if (!columns.containsAll(HEADER)) {
                List<String> missing = HEADER.stream().filter(c -> !columns.contains(c)).toList();
                errors.add(new LineError(fileName, 1, "header lacks column(s) " + missing + "; expected " + String.join(",", HEADER)));
                return new Result(records, errors);
            }
            while (true) {
                // The location before a row is read is where that row starts.
                long line = rows.getCurrentLocation().getLineNr();
                String[] cells;
                try {
                    if (!rows.hasNextValue()) {
                        break;
                    }
                    line = rows.getCurrentLocation().getLineNr();
                    cells = rows.nextValue();
                } catch (RuntimeException e) {
                    errors.add(new LineError(fileName, line, "unreadable CSV, reading stopped here: " + Errors.describe(e)));
                    break;
                }
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                if (cells.length != columns.size()) {
                    errors.add(new LineError(fileName, line, "has " + cells.length + " fields, the header has " + columns.size()));
                    continue;
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < cells.length; i++) {
                    row.put(columns.get(i), cells[i]);
                }
                try {
                    AsnRecord r = toRecord(row, today);
                    Long first = nipLines.putIfAbsent(r.nip(), line);
                    if (first != null) {
                        throw new IllegalArgumentException("nip " + r.nip() + " is already on line " + first);
                    }
                    for (Account a : r.accounts()) {
                        String owner = accountOwners.putIfAbsent(a.lookupKey(), r.nip());
                        if (owner != null && !owner.equals(r.nip())) {
                            throw new IllegalArgumentException("account '" + a + "' already belongs to nip " + owner);
                        }
                    }
                    records.add(r);
                } catch (IllegalArgumentException e) {
                    errors.add(new LineError(fileName, line, e.getMessage()));
                }
            }
        }
        return new Result(records, errors);
    }

    static AsnRecord toRecord(Map<String, String> row, LocalDate today) {
        Nip.problem(row.get("nip"), today).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        String region = row.get("region_code");
        if (region != null && !region.isBlank() && !Regions.bundled().isKnown(region)) {
            throw new IllegalArgumentException("region_code '" + region + "' is not a Kemendagri province or regency code");
        }
        List<Account> accounts = new ArrayList<>();
        String raw = row.get("accounts");
        if (raw != null && !raw.isBlank()) {
            for (String a : raw.split("\\|")) {
                if (!a.isBlank()) {
                    Account account = Account.parse(a.strip());
                    account.syntaxProblem().ifPresent(p -> {
                        throw new IllegalArgumentException(p);
                    });
                    accounts.add(account);
                }
            }
        }
        return new AsnRecord(row.get("nip"), row.get("name"), emptyToNull(row.get("agency")), emptyToNull(row.get("unit")),
                emptyToNull(row.get("position")), row.get("region_code"), emptyToNull(row.get("supervisor_name")),
                emptyToNull(row.get("supervisor_email")), accounts);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
