package id.netra.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RegistryCsvTest {
    private static final String HEADER = "nip,name,agency,unit,position,region_code,supervisor_name,supervisor_email,accounts\n";

    @Test
    void readsQuotedFieldsAndSeveralAccounts() throws IOException {
        String csv = HEADER + "198501012010011001,\"Rudi Hartono, S.Pd.\",Pemkot Lestari,Dinas Pendidikan,Guru,35.77,\"Drs. Sutomo, M.Pd.\",sutomo@example.go.id,x:Rudi_H|facebook:rudi.hartono.77\n";

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
                + "198501012010011001,Rudi Hartono,A,U,P,35.77,S,s@example.go.id,x:rudi_h\n"        // line 2
                + "12345,Sari Dewi,A,U,P,35.77,S,s@example.go.id,x:sari\n"                           // line 3: short NIP
                + "198702022011012002,Sari Wulan,A,U,P,35.77,S,s@example.go.id,myspace:sari\n"        // line 4: bad platform
                + "198803032012011003,Agus Salim,A,U,P,35.77,S,s@example.go.id\n"                     // line 5: missing field
                + "198904042013012004,Dewi Lestari,A,U,P,35.19,S,s@example.go.id,instagram:dewi.l\n"; // line 6

        RegistryCsv.Result result = RegistryCsv.read(new StringReader(csv), "r.csv");

        assertThat(result.records()).extracting(AsnRecord::name).containsExactly("Rudi Hartono", "Dewi Lestari");
        assertThat(result.errors()).extracting(LineError::line).containsExactly(3L, 4L, 5L);
        assertThat(result.errors().get(0).reason()).contains("not 18 digits");
        assertThat(result.errors().get(1).reason()).contains("unknown platform");
        assertThat(result.errors().get(2).reason()).isEqualTo("has 8 fields, the header has 9");
    }

    @Test
    void validatesNipDatesSexDigitRegionAndAccountSpelling() throws IOException {
        String csv = HEADER
                + "198513012010011001,A,A,U,P,35.77,S,s@example.go.id,x:a_1\n"          // line 2: month 13
                + "198501012010131001,B,A,U,P,35.77,S,s@example.go.id,x:b_1\n"          // line 3: start month 13
                + "198501012010013001,C,A,U,P,35.77,S,s@example.go.id,x:c_1\n"          // line 4: sex digit 3
                + "198501012000011001,D,A,U,P,35.77,S,s@example.go.id,x:d_1\n"          // line 5: started at 15
                + "198501012010011001,E,A,U,P,99.99,S,s@example.go.id,x:e_1\n"          // line 6: no such region
                + "198501012010011002,F,A,U,P,35.77,S,s@example.go.id,x:way.too.long.for.x\n" // line 7: bad X handle
                + "198501012010011003,G,A,U,P,35,S,s@example.go.id,x:g_1\n";            // line 8: a province is fine

        RegistryCsv.Result result = RegistryCsv.read(new StringReader(csv), "r.csv", LocalDate.parse("2024-11-01"));

        assertThat(result.records()).extracting(AsnRecord::name).containsExactly("G");
        assertThat(result.errors()).extracting(LineError::line).containsExactly(2L, 3L, 4L, 5L, 6L, 7L);
        assertThat(result.errors()).extracting(LineError::reason).satisfiesExactly(
                r -> assertThat(r).contains("birth date 19851301 is not a date"),
                r -> assertThat(r).contains("start date 201013 is not a month"),
                r -> assertThat(r).contains("sex digit is 3"),
                r -> assertThat(r).contains("before the age of 18"),
                r -> assertThat(r).contains("region_code '99.99'"),
                r -> assertThat(r).contains("not a valid x handle"));
    }

    @Test
    void refusesANipTwiceAndAnAccountClaimedByTwoPeople() throws IOException {
        String csv = HEADER
                + "198501012010011001,A,A,U,P,35.77,S,s@example.go.id,x:a_1\n"
                + "198501012010011001,B,A,U,P,35.77,S,s@example.go.id,x:b_1\n"                      // line 3: same NIP
                + "198601012010011001,C,A,U,P,35.77,S,s@example.go.id,https://twitter.com/A_1\n";  // line 4: A's account

        RegistryCsv.Result result = RegistryCsv.read(new StringReader(csv), "r.csv", LocalDate.parse("2024-11-01"));

        assertThat(result.records()).extracting(AsnRecord::name).containsExactly("A");
        assertThat(result.errors()).extracting(LineError::reason).containsExactly(
                "nip 198501012010011001 is already on line 2", "account 'x:A_1' already belongs to nip 198501012010011001");
    }

    @Test
    void readsProfileAddressesAsAccounts() throws IOException {
        String csv = HEADER + "198501012010011001,A,A,U,P,35.77,S,s@example.go.id,"
                + "https://x.com/Budi_S|facebook.com/profile.php?id=100012345678|instagram:https://www.instagram.com/budi.s/|tiktok:@budi.s\n";

        RegistryCsv.Result result = RegistryCsv.read(new StringReader(csv), "r.csv", LocalDate.parse("2024-11-01"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.records().getFirst().accounts()).extracting(Account::lookupKey)
                .containsExactly("x:budi_s", "facebook:100012345678", "instagram:budi.s", "tiktok:budi.s");
    }

    @Test
    void countsLinesOfAQuotedFieldSpanningTwoLines() throws IOException {
        String csv = HEADER
                + "198501012010011001,\"Rudi\nHartono\",A,U,P,35.77,S,s@example.go.id,x:rudi_h\n"   // lines 2-3
                + "1,Bad,A,U,P,35.77,S,s@example.go.id,x:bad\n";                                  // line 4

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
