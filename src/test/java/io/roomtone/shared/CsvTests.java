package io.roomtone.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV cells a spreadsheet reads as text: quoted where RFC 4180 needs it, formulas defused. */
class CsvTests {

    @Test
    void plainCellsStayAsTheyAre() {
        assertThat(Csv.cell("INV-000001")).isEqualTo("INV-000001");
        assertThat(Csv.cell("12.50")).isEqualTo("12.50");
        assertThat(Csv.cell(null)).isEmpty();
        assertThat(Csv.cell("")).isEmpty();
    }

    @Test
    void separatorsQuotesAndLineBreaksAreQuoted() {
        assertThat(Csv.cell("Doe, Jane")).isEqualTo("\"Doe, Jane\"");
        assertThat(Csv.cell("the \"best\" band")).isEqualTo("\"the \"\"best\"\" band\"");
        assertThat(Csv.cell("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.cell("a;b")).isEqualTo("\"a;b\"");
    }

    @Test
    void formulasAreDefusedWithAnApostrophe() {
        assertThat(Csv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(Csv.cell("+33 6 12")).isEqualTo("'+33 6 12");
        assertThat(Csv.cell("-2")).isEqualTo("'-2");
        assertThat(Csv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.cell("\tx")).isEqualTo("'\tx");
        assertThat(Csv.cell("=HYPERLINK(\"http://x\",\"y\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    }

    @Test
    void aRowEndsWithCrLf() {
        assertThat(Csv.row(Arrays.asList("a", null, "b,c"))).isEqualTo("a,,\"b,c\"\r\n");
        assertThat(Csv.row(List.of())).isEqualTo("\r\n");
    }
}
