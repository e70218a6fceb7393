package cn.bangfu.coop;

import cn.bangfu.book.BookStatements;
import cn.bangfu.book.StatementWorkbook;
import cn.bangfu.identity.Role;
import cn.bangfu.orders.ProcurementService;
import cn.bangfu.platform.BusinessClock;
import cn.bangfu.platform.ChineseText;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.SheetWriter;
import cn.bangfu.registry.RegistryService;
import cn.bangfu.web.Pages;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /coop/reports} (issue 16): what the township's 农经站 asks the accountant for. The year's surplus
 * in plain figures, sales by buyer, and the three statutory statements of 《农民专业合作社会计制度》 as
 * .xlsx — the same workbooks the API's {@code ?format=xlsx} gives, from the same statements.
 */
public final class ReportsPage {
  static final String PATH = "/coop/reports";
  private static final Set<Role> COOP = Set.of(Role.COOP);

  private ReportsPage() {
  }

  public record Sale(String buyer, String amount, int orders) {
  }

  public record View(String user, String csrf, int year, List<Integer> years, String revenue, String cost,
      String surplus, String distributed, String undistributed, List<Sale> sales, String sold, String today) {
  }

  public static void mount(Pages pages, BookStatements statements, ProcurementService procurement,
      RegistryService registry) {
    pages.signedIn(HttpMethod.GET, PATH, COOP, visit -> {
      LocalDate today = BusinessClock.of(visit.ctx()).today();
      int year = year(visit.ctx().queryParams().get("year"), today);
      long coop = visit.caller().scopeEntityId();
      return statements.surplus(visit.caller(), coop, year).compose(s -> procurement.cooperative(visit.caller(), coop,
          year).map(sales -> {
            List<Sale> rows = new ArrayList<>();
            sales.getJsonArray("byBuyer").forEach(o -> {
              JsonObject b = (JsonObject) o;
              rows.add(new Sale(b.getString("name"), ChineseText.yuan(b.getLong("soldFen")), b.getInteger("settledOrders")));
            });
            List<Integer> years = new ArrayList<>();
            for (int y = today.getYear(); y >= today.getYear() - 4; y--) {
              years.add(y);
            }
            View view = new View(visit.caller().username(), visit.csrf(), year, years, ChineseText.yuan(s.revenueFen()),
                ChineseText.yuan(s.costFen()), ChineseText.yuan(s.surplusFen()), ChineseText.yuan(s.distributedFen()),
                ChineseText.yuan(s.undistributedFen()), rows, ChineseText.yuan(sales.getLong("soldFen")),
                today.toString());
            Map<String, Object> params = new HashMap<>();
            params.put("view", view);
            return Pages.Page.ok(pages.render("coop-reports.jte", params));
          }));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/balance-sheet.xlsx", COOP, visit -> {
      LocalDate today = BusinessClock.of(visit.ctx()).today();
      String raw = visit.ctx().queryParams().get("date");
      LocalDate date;
      try {
        date = raw == null || raw.isBlank() ? today : LocalDate.parse(raw);
      } catch (java.time.format.DateTimeParseException e) {
        throw Problem.badRequest("date", "date must be YYYY-MM-DD");
      }
      return statements.balanceSheet(visit.caller(), visit.caller().scopeEntityId(), date)
          .map(s -> download(visit, StatementWorkbook.balanceSheet(s), "balance-sheet-" + date + ".xlsx"));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/surplus.xlsx", COOP, visit -> {
      int year = year(visit.ctx().queryParams().get("year"), BusinessClock.of(visit.ctx()).today());
      return statements.surplus(visit.caller(), visit.caller().scopeEntityId(), year)
          .map(s -> download(visit, StatementWorkbook.surplus(s), "surplus-" + year + ".xlsx"));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/member-equity.xlsx", COOP, visit -> {
      int year = year(visit.ctx().queryParams().get("year"), BusinessClock.of(visit.ctx()).today());
      long coop = visit.caller().scopeEntityId();
      // the accountant knows its members by name (the book page lists them): the member sheet says who, not a number
      return registry.memberDirectory(visit.caller(), coop).compose(members -> {
        Map<Long, String> names = new HashMap<>();
        members.forEach(m -> names.put(m.household().getId(), m.household().getName()));
        // the workbook is written on the worker that read the statement, not on the event loop
        return statements.memberEquity(visit.caller(), coop, year, s -> StatementWorkbook.memberEquity(s, names));
      }).map(workbook -> download(visit, workbook, "member-equity-" + year + ".xlsx"));
    });
    pages.signedIn(HttpMethod.GET, PATH + "/sales.xlsx", COOP, visit -> {
      int year = year(visit.ctx().queryParams().get("year"), BusinessClock.of(visit.ctx()).today());
      return procurement.cooperative(visit.caller(), visit.caller().scopeEntityId(), year)
          .map(sales -> download(visit, salesWorkbook(sales, year), "sales-" + year + ".xlsx"));
    });
  }

  /** Sales by buyer for the year (the page's table), with its total: what the 农经站 and the buyers' offices compare. */
  static byte[] salesWorkbook(JsonObject sales, int year) {
    try (SheetWriter sheet = new SheetWriter(year + "年销售汇总", List.of("采购单位", "已结算订单（笔）", "金额（元）"),
        i -> i == 0 ? 30 : 16)) {
      for (Object o : sales.getJsonArray("byBuyer")) {
        JsonObject buyer = (JsonObject) o;
        var row = sheet.row();
        sheet.text(row, 0, buyer.getString("name"));
        row.createCell(1).setCellValue(buyer.getInteger("settledOrders"));
        sheet.yuan(row, 2, buyer.getLong("soldFen"));
      }
      var total = sheet.row();
      sheet.boldText(total, 0, "合计");
      sheet.yuan(total, 2, sales.getLong("soldFen"));
      return sheet.bytes();
    }
  }

  private static int year(String raw, LocalDate today) {
    if (raw == null || raw.isBlank()) {
      return today.getYear();
    }
    if (!raw.matches("20[0-9]{2}")) {
      throw Problem.badRequest("year", "year must be like 2026");
    }
    return Integer.parseInt(raw);
  }

  private static Pages.Page download(Pages.Visit visit, byte[] bytes, String filename) {
    // a download, not a page: answered here, so Pages leaves the ended response alone
    visit.ctx().response().putHeader("Content-Type", SheetWriter.CONTENT_TYPE)
        .putHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"").end(Buffer.buffer(bytes));
    return Pages.Page.ok("");
  }
}
