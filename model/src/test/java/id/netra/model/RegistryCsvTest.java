package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class RegistryCsvTest {
    private static final String HEADER = "nip,name,agency,unit,position,region_code,supervisor_name,supervisor_email,accounts\n";

    @Test
    void readsQuotedFieldsAndSeveralAccounts() throws IOException {
        String csv = HEADER + "198501012010011001,\"Rudi Hartono, S.Pd.\",Pemkot Lestari,Dinas Pendidikan,Guru,99.01,\"Drs. Sutomo, M.Pd.\",sutomo@example.go.id,x:Rudi_H|facebook:rudi.hartono.77\n";

        RegistryCsv.Result result = RegistryCsv.read(new StringReader(csv), "r.csv");

        assertThat(result.errors()).isEmpty();
        AsnRecord r = result.records().getFirst();
        assertThat(r.name()).isEqualTo("Rudi Hartono, S.Pd.");
        assertThat(r.supervisorName()).isEqualTo("Drs. Sutomo, M.Pd.");
        assertThat(r.accounts()).extracting(Account::lookupKey).containsExactly("x:rudi_h", "facebook:rudihartono77");
    }

    @Test
    void reportsEachBadRowWithItsLineAndKeepsTheRest() throws IOException {
        String csv = HEADER
                + "198501012010011001,Rudi Hartono,A,U,P,99.01,S,s@example.go.id,x:rudi_h\n"        // line 2
                + "12345,Sari Dewi,A,U,P,99.01,S,s@example.go.id,x:sari\n"                           // line 3: short NIP
                + "198702022011012002,Sari Wulan,A,U,P,99.01,S,s@example.go.id,myspace:sari\n"        // line 4: bad platform
                + "198803032012011003,Agus Salim,A,U,P,99.01,S,s@example.go.id\n"                     // line 5: missing field
                + "198904042013012004,Dewi Lestari,A,U,P,99.02,S,s@example.go.id,instagram:dewi.l\n"; // line 6

        RegistryCsv.Result result = RegistryCsv.read(new StringReader(csv), "r.csv");

        assertThat(result.records()).extracting(AsnRecord::name).containsExactly("Rudi Hartono", "Dewi Lestari");
        assertThat(result.errors()).extracting(LineError::line).containsExactly(3L, 4L, 5L);
        assertThat(result.errors().get(0).reason()).contains("not 18 digits");
        assertThat(result.errors().get(1).reason()).contains("unknown platform");
        assertThat(result.errors().get(2).reason()).isEqualTo("has 8 fields, the header has 9");
    }

    @Test
    void countsLinesOfAQuotedFieldSpanningTwoLines() throws IOException {
        String csv = HEADER
                + "198501012010011001,\"Rudi\nHartono\",A,U,P,99.01,S,s@example.go.id,x:rudi_h\n"   // lines 2-3
                + "1,Bad,A,U,P,99.01,S,s@example.go.id,x:bad\n";                                  // line 4

        RegistryCsv.Result result = RegistryCsv.read(new StringReader(csv), "r.csv");

        assertThat(result.records()).hasSize(1);
        assertThat(result.errors()).extracting(LineError::line).containsExactly(4L);
    }

    @Test
    void rejectsAFileWithoutTheHeader() throws IOException {
        RegistryCsv.Result result = RegistryCsv.read(new StringReader("nip,name\n1,a\n"), "r.csv");

        assertThat(result.records()).isEmpty();
        assertThat(result.errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.reason()).contains("region_code");
        });
    }
}
