package cn.bangfu.book;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * The member sheet is written through {@link StatementWorkbook.SheetWriter}, the workbook's own UTF-8
 * writer (issue 13): every member's name and amounts read back as written, including names with
 * characters outside the Basic Multilingual Plane (CJK Extension B, as in the names 𠀾 and 𡈼 some
 * villagers carry), which Java holds as surrogate pairs that the writer's buffer boundary can split.
 */
class StatementWorkbookTest {

  @Test
  void every_member_name_and_amount_reads_back_across_the_writers_buffer_boundaries() throws Exception {
    List<BookStatements.MemberEquity> members = new ArrayList<>();
    Map<Long, String> names = new HashMap<>();
    for (int i = 0; i < 300; i++) {
      long household = 6_100_000_000L + i;
      // 1,001 to 1,300 characters, every one a surrogate pair: the 64 Ki-char buffer ends inside some pair
      names.put(household, "𠀾𡈼".repeat(500 + i / 2) + (i % 2 == 0 ? "" : "𠀾") + " 杨" + i);
      members.add(new BookStatements.MemberEquity(household, 300_000 + i, 500_000 + i, 450_000, 1_234_567 * (long) i,
          999_999_999_99L, 0, -1, i));
    }
    var columns = List.of(new BookStatements.EquityColumn("301", "股金", 0, 500_000, 0, 500_000));
    var statement = new BookStatements.MemberEquityStatement(1, "岑丰村葡萄专业合作社", 2026, columns, members);

    byte[] xlsx = StatementWorkbook.memberEquity(statement, names);

    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = book.getSheet("成员账户");
      for (int i = 0; i < members.size(); i++) {
        BookStatements.MemberEquity m = members.get(i);
        Row row = sheet.getRow(3 + i);
        assertThat(row.getCell(0).getStringCellValue()).isEqualTo(names.get(m.householdId()));
        long[] expected = {m.shareCapitalOpeningFen(), m.shareCapitalClosingFen(), m.quantifiedFundFen(),
            m.rebatesFen(), m.dividendsFen(), m.paidFen(), m.owedFen(), m.providentFundShareFen()};
        for (int c = 0; c < expected.length; c++) {
          assertThat(fen(row.getCell(c + 1).getNumericCellValue())).as("member %d column %d", i, c + 1)
              .isEqualTo(expected[c]);
        }
      }
      assertThat(sheet.getLastRowNum()).isEqualTo(2 + members.size());
    }
  }

  private static long fen(double yuan) {
    return BigDecimal.valueOf(yuan).setScale(2, RoundingMode.HALF_EVEN).movePointRight(2).longValueExact();
  }
}
