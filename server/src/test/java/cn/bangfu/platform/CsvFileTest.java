package cn.bangfu.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notice and payout files' CSV: the bytes spreadsheets expect, and every cell reads back as written. */
class CsvFileTest {

  @Test
  void a_file_is_utf8_with_bom_crlf_rows_quoted_text_and_bare_whole_numbers() {
    byte[] bytes = new CsvFile().row("户主", "金额（元）", "批次")
        .row("杨*宇", "1054.29", 42L).row("杨*宇", "-12.00", 43).toBuffer().getBytes();
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("\uFEFF\"户主\",\"金额（元）\",\"批次\"\r\n"
        + "\"杨*宇\",\"1054.29\",42\r\n\"杨*宇\",\"-12.00\",43\r\n");
  }

  @Test
  void commas_quotes_line_breaks_and_empty_or_missing_text_read_back_exactly() throws Exception {
    String awkward = "他说 \"多了\", 再核对\r\n第二行";
    byte[] bytes = new CsvFile().row(awkward, "", null, "普通").toBuffer().getBytes();
    String text = new String(bytes, StandardCharsets.UTF_8).substring(1); // past the BOM
    CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
    try (MappingIterator<String[]> rows = mapper.readerFor(String[].class).readValues(text)) {
      List<String[]> all = rows.readAll();
      assertThat(all).hasSize(1);
      assertThat(Arrays.asList(all.get(0))).containsExactly(awkward, "", "", "普通");
    }
    assertThat(text).startsWith("\"他说 \"\"多了\"\", 再核对\r\n第二行\",\"\",\"\",");
  }

  @Test
  void text_that_a_spreadsheet_would_run_as_a_formula_is_defused_but_a_negative_figure_stays_a_figure() {
    String text = new String(new CsvFile().row("=HYPERLINK(\"x\")", "+1", "-2+3", "@SUM(A1)", "ok-", "-12.00")
        .toBuffer().getBytes(), StandardCharsets.UTF_8);
    assertThat(text).isEqualTo(
        "\uFEFF\"'=HYPERLINK(\"\"x\"\")\",\"'+1\",\"'-2+3\",\"'@SUM(A1)\",\"ok-\",\"-12.00\"\r\n");
  }
}
