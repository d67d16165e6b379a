package id.netra.model;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Kemendagri region codes: the 38 provinces ({@code 18}) and 514 regencies and cities ({@code 18.72}). Bundled from
 * the npm package {@code idn-area-data} 4.0.1 (fityannugroho/idn-area-data), Open Database License (ODbL) 1.0; see
 * {@code regions/SOURCE.md}.
 */
public final class Regions {
    private static final Regions BUNDLED = load();

    private final Map<String, String> names;

    private Regions(Map<String, String> names) {
        this.names = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(names));
    }

    /** The region tables shipped with this build. */
    public static Regions bundled() {
        return BUNDLED;
    }

    private static Regions load() {
        Map<String, String> names = new LinkedHashMap<>();
        read("/regions/provinces.csv", names);
        read("/regions/regencies.csv", names);
        return new Regions(names);
    }

    private static void read(String resource, Map<String, String> into) {
        InputStream in = Regions.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("no " + resource + " in this build");
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            r.readLine(); // header
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                int first = line.indexOf(',');
                int last = line.lastIndexOf(',');
                into.put(line.substring(0, first), line.substring(last + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    /** Whether {@code code} is a province or regency/city code. */
    public boolean isKnown(String code) {
        return code != null && names.containsKey(code);
    }

    /** The region's name, e.g. {@code Kota Metro}. */
    public Optional<String> name(String code) {
        return Optional.ofNullable(code == null ? null : names.get(code));
    }

    /** The province of a code: {@code 18} for {@code 18.72} and for {@code 18}. */
    public static String province(String code) {
        int dot = code.indexOf('.');
        return dot < 0 ? code : code.substring(0, dot);
    }

    /** Every code, provinces first, each table in its file's order. */
    public java.util.List<String> codes() {
        return java.util.List.copyOf(names.keySet());
    }

    public int size() {
        return names.size();
    }
}
