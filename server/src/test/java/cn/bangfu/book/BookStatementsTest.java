package cn.bangfu.book;

import static org.assertj.core.api.Assertions.assertThat;

import cn.bangfu.support.ClassServer;
import cn.bangfu.support.Http;
import cn.bangfu.support.TestServer;
import io.vertx.core.json.JsonObject;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashMap;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: the statutory statements, from the book alone, over a worked year of the 岑丰村 grape
 * cooperative (seed 001) with two members holding 450 亩 of land shares each. 2026: 股金 of 3,000 and
 * 2,000 元, 4,500 元 of fiscal funds quantified to 陈, 6,000 元 of PV grid income, grapes bought from the
 * members at 12 元/公斤 (杨 500 公斤, 陈 250 公斤) and sold for 15,000 元, 1,600 元 of public-welfare-post
 * pay, 2,000 元 of land rent owed. The year's surplus is distributed under coop-surplus-60 once the year
 * has ended (posting closes 2026; the distribution is the 2027 entry the member assembly approved) and
 * paid out. The balance sheet balances after every step.
 */
class BookStatementsTest {
  @ClassServer static TestServer server;

  @Test
  void a_worked_year_balances_after_every_step_and_the_statements_reconcile() {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村葡萄报表合作社", 2);
    String yang = coop.members.get(0);
    String chen = coop.members.get(1);
    step(coop, "股金 杨", coop.contribution(yang, 300_000, "2026-01-10", "CAPITAL"));
    step(coop, "股金 陈", coop.contribution(chen, 200_000, "2026-01-11", "CAPITAL"));
    step(coop, "量化 陈", coop.contribution(chen, 450_000, "2026-01-12", "FISCAL_QUANTIFIED"));
    step(coop, "PV grid income", coop.income(600_000, "PV_GRID", "2026-03-31", "BANK"));
    step(coop, "交售 杨", coop.purchase(yang, 500, 600_000, "2026-08-20"));
    step(coop, "交售 陈", coop.purchase(chen, 250, 300_000, "2026-08-21"));
    step(coop, "pay 杨", coop.payment("MEMBER_CURRENT", yang, 600_000, "2026-08-25", "BANK"));
    step(coop, "grapes sold", coop.income(1_500_000, "OFF_PLATFORM_SALES", "2026-09-10", "BANK"));
    step(coop, "公益岗 pay owed", coop.cost(160_000, "PUBLIC_WELFARE_POST", "2026-10-31", "PAYABLE"));
    step(coop, "公益岗 paid", coop.payment("WAGES", null, 160_000, "2026-11-05", "BANK"));
    step(coop, "land rent owed", coop.cost(200_000, "LAND_RENT", "2026-11-10", "PAYABLE"));

    // before the run: 经营收入 21,000 元, 经营支出 12,600 元; 陈 is still owed 3,000 元 for grapes
    JsonObject before = coop.report("balance-sheet?date=2026-11-30");
    assertThat(line(before, "liabilities", "114")).as("成员往来 owed to 陈").isEqualTo(300_000);
    assertThat(line(before, "equity", BookStatements.UNDISTRIBUTED)).as("the open year's surplus").isEqualTo(840_000);

    // pool 21,000 − 12,600 = 8,400 元: 840 元 公积金; of 7,560 元, 60% = 4,536 元 by 交售 6,000 : 3,000 元
    // → 3,024 / 1,512 元 (应付盈余返还); the other 3,024 元 by land shares 450 : 450 → 1,512 元 each
    JsonObject run = coop.postedRun("coop-surplus-60", "2026-01-01", "2026-12-31");
    assertThat(run.getLong("poolFen")).isEqualTo(840_000);
    String today = server.today().toString();
    assertBalanced(coop, "2026-12-31", "the closed year");
    assertBalanced(coop, today, "after the distribution");

    JsonObject closed = coop.report("surplus?year=2026");
    assertThat(closed.getLong("revenueFen")).as("closing entries left out").isEqualTo(2_100_000);
    assertThat(closed.getLong("costFen")).isEqualTo(1_260_000);
    assertThat(closed.getLong("surplusFen")).isEqualTo(840_000);
    assertThat(closed.getLong("undistributedFen")).as("distributed in 2027").isEqualTo(840_000);
    assertThat(closed.getBoolean("reconciled")).isTrue();

    int year = server.today().getYear();
    JsonObject surplus = coop.report("surplus?year=" + year);
    assertThat(surplus.getLong("openingUndistributedFen")).isEqualTo(840_000);
    assertThat(surplus.getLong("surplusFen")).as("nothing earned yet in " + year).isZero();
    assertThat(surplus.getLong("providentFundFen")).isEqualTo(84_000);
    assertThat(surplus.getLong("rebateFen")).isEqualTo(453_600);
    assertThat(surplus.getLong("dividendFen")).isEqualTo(302_400);
    assertThat(surplus.getLong("distributedFen")).isEqualTo(840_000);
    assertThat(surplus.getLong("undistributedFen")).as("all of it distributed").isZero();
    assertThat(surplus.getBoolean("reconciled")).isTrue();

    JsonObject equity = coop.report("member-equity?year=" + year);
    Map<String, JsonObject> columns = new HashMap<>();
    equity.getJsonArray("columns").forEach(c -> columns.put(((JsonObject) c).getString("code"), (JsonObject) c));
    assertThat(columns.get("301").getLong("closingFen")).as("股金").isEqualTo(500_000)
        .isEqualTo(equity.getLong("membersShareCapitalFen"));
    assertThat(columns.get("311").getLong("closingFen")).as("专项基金").isEqualTo(450_000)
        .isEqualTo(equity.getLong("membersQuantifiedFundFen"));
    assertThat(columns.get("322").getLong("increaseFen")).as("盈余公积 提取").isEqualTo(84_000);
    JsonObject yangs = equity.getJsonArray("members").stream().map(JsonObject.class::cast)
        .filter(m -> m.getString("householdId").equals(yang)).findFirst().orElseThrow();
    assertThat(yangs.getLong("rebatesFen")).isEqualTo(302_400);
    assertThat(yangs.getLong("dividendsFen")).isEqualTo(151_200);
    assertThat(yangs.getLong("owedFen")).isEqualTo(453_600);

    assertThat(coop.paid(run.getString("id"), today).status()).isEqualTo(200);
    JsonObject after = assertBalanced(coop, today, "after the payout");
    assertThat(line(after, "liabilities", "221")).as("rebates paid").isZero();
    assertThat(line(after, "liabilities", "222")).as("dividends paid").isZero();
    // bank: 5,000 + 4,500 + 6,000 + 15,000 in; 6,000 + 1,600 + 7,560 out
    assertThat(line(after, "assets", "102")).isEqualTo(3_050_000 - 1_516_000);
  }

  @Test
  void the_workbooks_read_back_to_the_json_figures_in_yuan_with_chinese_headings() throws Exception {
    CooperativeBook coop = new CooperativeBook(server, "岑丰村葡萄表格合作社", 1);
    String yang = coop.members.get(0);
    coop.contribution(yang, 300_000, "2026-01-10", "CAPITAL").expect(201);
    coop.income(600_123, "PV_GRID", "2026-03-31", "BANK").expect(201);
    coop.purchase(yang, 500, 600_000, "2026-08-20").expect(201);
    coop.cost(12_345, "ADMIN", "2026-09-01", "CASH").expect(201);

    JsonObject json = coop.report("balance-sheet?date=2026-11-30");
    Http.Download file = server.http.download("/api/v1/cooperatives/" + coop.id
        + "/reports/balance-sheet?date=2026-11-30&format=xlsx", coop.coopToken, null);
    assertThat(file.status()).isEqualTo(200);
    assertThat(file.contentType()).isEqualTo(StatementWorkbook.CONTENT_TYPE);
    assertThat(file.disposition()).contains(".xlsx");
    Map<String, Long> cells = amounts(file.bytes(), "资产负债表", 2);
    assertThat(cells.get("资产总计")).isEqualTo(json.getLong("totalAssetsFen")).isEqualTo(300_000 + 600_123 - 12_345);
    assertThat(cells.get("负债和所有者权益总计")).isEqualTo(json.getLong("totalLiabilitiesAndEquityFen"));
    assertThat(cells.get("银行存款")).isEqualTo(line(json, "assets", "102"));
    assertThat(cells.get("未分配盈余")).isEqualTo(line(json, "equity", BookStatements.UNDISTRIBUTED))
        .isEqualTo(600_123 - 600_000 - 12_345);

    JsonObject surplus = coop.report("surplus?year=2026");
    Http.Download surplusFile = server.http.download("/api/v1/cooperatives/" + coop.id + "/reports/surplus?year=2026",
        coop.coopToken, StatementWorkbook.CONTENT_TYPE);
    Map<String, Long> s = amounts(surplusFile.bytes(), "盈余及盈余分配表", 2);
    assertThat(s.get("收入合计")).isEqualTo(surplus.getLong("revenueFen")).isEqualTo(600_123);
    assertThat(s.get("管理费用")).isEqualTo(12_345);
    assertThat(s.get("本年盈余")).isEqualTo(surplus.getLong("surplusFen"));

    Http.Download equityFile = server.http.download("/api/v1/cooperatives/" + coop.id
        + "/reports/member-equity?year=2026&format=xlsx", coop.coopToken, null);
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(equityFile.bytes()))) {
      Sheet members = book.getSheet("成员账户");
      Row header = members.getRow(2);
      assertThat(header.getCell(2).getStringCellValue()).isEqualTo("年末股金");
      Row first = members.getRow(3);
      assertThat(first.getCell(0).getStringCellValue()).isEqualTo(yang);
      assertThat(fen(first.getCell(2))).isEqualTo(300_000);
    }
    Http.Response badFormat = server.http.get("/api/v1/cooperatives/" + coop.id + "/reports/surplus?year=2026&format=pdf",
        coop.coopToken);
    assertThat(badFormat.status()).isEqualTo(400);
    assertThat(badFormat.body().getString("field")).isEqualTo("format");
    assertThat(server.http.get("/api/v1/cooperatives/" + coop.id + "/reports/balance-sheet?date=2026-13-01",
        coop.coopToken).body().getString("field")).isEqualTo("date");
  }

  private static void step(CooperativeBook coop, String what, Http.Response response) {
    assertThat(response.status()).as(what + ": " + response.text()).isEqualTo(201);
    assertBalanced(coop, "2026-12-31", "after " + what);
  }

  /** The balance sheet as of {@code date} balances, and agrees with the trial balance of the accounts. */
  private static JsonObject assertBalanced(CooperativeBook coop, String date, String context) {
    JsonObject sheet = coop.report("balance-sheet?date=" + date);
    assertThat(sheet.getBoolean("balanced")).as(context).isTrue();
    assertThat(sheet.getLong("totalAssetsFen")).as(context).isEqualTo(sheet.getLong("totalLiabilitiesAndEquityFen"));
    coop.assertBalanced(context);
    return sheet;
  }

  private static long line(JsonObject sheet, String side, String code) {
    return sheet.getJsonArray(side).stream().map(JsonObject.class::cast).filter(l -> l.getString("code").equals(code))
        .mapToLong(l -> l.getLong("amountFen")).sum();
  }

  /** Label (trimmed) → amount in fen, read from column {@code column} of the sheet. */
  private static Map<String, Long> amounts(byte[] xlsx, String sheetName, int column) throws Exception {
    Map<String, Long> amounts = new HashMap<>();
    try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
      Sheet sheet = book.getSheet(sheetName);
      assertThat(sheet).as(sheetName).isNotNull();
      for (Row row : sheet) {
        Cell label = row.getCell(0);
        Cell amount = row.getCell(column);
        if (label != null && amount != null && amount.getCellType() == CellType.NUMERIC) {
          assertThat(amount.getCellStyle().getDataFormatString()).isEqualTo("#,##0.00");
          amounts.put(label.getStringCellValue().strip().replace("　", ""), fen(amount));
        }
      }
    }
    return amounts;
  }

  private static long fen(Cell cell) {
    return BigDecimal.valueOf(cell.getNumericCellValue()).setScale(2, RoundingMode.HALF_UP).movePointRight(2)
        .longValueExact();
  }
}
