package cn.bangfu.book;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.platform.JsonValues.id;

import cn.bangfu.book.BookCategories.ContributionKind;
import cn.bangfu.book.BookCategories.CostCategory;
import cn.bangfu.book.BookCategories.IncomeCategory;
import cn.bangfu.book.BookCategories.MoneyAccount;
import cn.bangfu.book.BookCategories.Payable;
import cn.bangfu.book.BookCategories.PaidFrom;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.identity.Role;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.function.Function;

/** The book's HTTP routes (DESIGN.md 8.1): income, costs, contributions, period close. */
public final class BookRoutes {
  private static final int FIRST_YEAR = 2000;
  private static final int LAST_YEAR = 2200;
  private static final BigDecimal MAX_QUANTITY = new BigDecimal("1000000000");

  private BookRoutes() {
  }

  /** An off-platform income as the API reads it; the console's form goes through the same checks. */
  public static BookService.NewIncome newIncome(Body body) {
    return new BookService.NewIncome(body.fen("amountFen", 1), body.enumValue("category", IncomeCategory.class),
        body.pastDate("date"), body.optionalText("note", 500), body.enumValue("into", MoneyAccount.class));
  }

  /** A cost as the API reads it. */
  public static BookService.NewCost newCost(Body body) {
    // paidFrom may be left out: a cost whose payment is not stated is owed (应付款), never assumed paid
    PaidFrom paidFrom = body.has("paidFrom") ? body.enumValue("paidFrom", PaidFrom.class) : PaidFrom.PAYABLE;
    return new BookService.NewCost(body.fen("amountFen", 1), body.enumValue("category", CostCategory.class),
        body.pastDate("date"), body.optionalText("note", 500), paidFrom);
  }

  /** A 交售 as the API reads it: the console's form and each row of an uploaded season go through it. */
  public static BookService.NewPurchase newPurchase(Body body) {
    return new BookService.NewPurchase(body.id("householdId"), body.text("product", 100),
        body.decimal("quantity", 3, BigDecimal.ZERO, MAX_QUANTITY),
        body.enumValue("unit", cn.bangfu.registry.Unit.class), body.fen("valueFen", 1), body.pastDate("date"));
  }

  /** A member's contribution (股金, quantified funds) as the API reads it. */
  public static BookService.NewContribution newContribution(Body body) {
    return new BookService.NewContribution(body.id("householdId"), body.fen("amountFen", 1), body.pastDate("date"),
        body.enumValue("kind", ContributionKind.class));
  }

  /** A payment of a payable as the API reads it. */
  public static BookService.NewPayment newPayment(Body body) {
    Payable payable = body.enumValue("payable", Payable.class);
    // a member's 成员往来 is paid to that member; 应付工资 and 应付款 are the cooperative's own accounts
    Long householdId = null;
    if (payable == Payable.MEMBER_CURRENT) {
      householdId = body.id("householdId");
    } else if (body.has("householdId")) {
      throw Problem.badRequest("householdId", "householdId names the member only for payable MEMBER_CURRENT");
    }
    return new BookService.NewPayment(payable, householdId, body.fen("amountFen", 1), body.pastDate("date"),
        body.enumValue("from", MoneyAccount.class), body.optionalText("note", 500));
  }

  public static void mount(Api<Principal> api, BookService book, BookStatements statements) {
    mountStatements(api, statements);
    api.route(HttpMethod.POST, "/cooperatives/:id/income", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      BookService.NewIncome in = newIncome(Body.of(ctx));
      return book.recordIncome(caller, cooperativeId, in).map(r -> Reply.created(new JsonObject()
          .put("id", id(r.getId())).put("cooperativeId", id(r.getCooperativeId())).put("amountFen", r.getAmountFen())
          .put("category", r.getCategory()).put("date", r.getReceivedOn().toString()).put("into", r.getReceivedInto())
          .put("note", r.getNote()).put("ledgerEntryId", id(r.getLedgerEntryId()))));
    });
    api.route(HttpMethod.POST, "/cooperatives/:id/costs", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      BookService.NewCost c = newCost(Body.of(ctx));
      return book.recordCost(caller, cooperativeId, c).map(r -> Reply.created(new JsonObject()
          .put("id", id(r.getId())).put("cooperativeId", id(r.getCooperativeId())).put("amountFen", r.getAmountFen())
          .put("category", r.getCategory()).put("date", r.getIncurredOn().toString()).put("note", r.getNote())
          .put("paidFrom", r.getPaidFrom()).put("ledgerEntryId", id(r.getLedgerEntryId()))));
    });
    api.route(HttpMethod.POST, "/cooperatives/:id/contributions", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      BookService.NewContribution c = newContribution(Body.of(ctx));
      return book.recordContribution(caller, cooperativeId, c).map(r -> Reply.created(new JsonObject()
          .put("id", id(r.getId())).put("cooperativeId", id(r.getCooperativeId()))
          .put("householdId", id(r.getHouseholdId())).put("kind", r.getKind()).put("amountFen", r.getAmountFen())
          .put("date", r.getContributedOn().toString()).put("ledgerEntryId", id(r.getLedgerEntryId()))));
    });
    api.route(HttpMethod.POST, "/cooperatives/:id/produce-purchases", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      BookService.NewPurchase p = newPurchase(Body.of(ctx));
      return book.recordPurchase(caller, cooperativeId, p).map(r -> Reply.created(new JsonObject()
          .put("id", id(r.delivery().getId())).put("cooperativeId", id(cooperativeId))
          .put("householdId", id(r.delivery().getHouseholdId())).put("product", r.delivery().getProduct())
          .put("quantity", r.delivery().getQuantity().stripTrailingZeros().toPlainString())
          .put("unit", r.delivery().getUnit()).put("valueFen", r.delivery().getValueFen())
          .put("date", r.delivery().getDeliveredOn().toString()).put("costId", id(r.cost().getId()))
          .put("ledgerEntryId", id(r.delivery().getLedgerEntryId()))));
    });
    api.route(HttpMethod.POST, "/cooperatives/:id/payments", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      BookService.NewPayment p = newPayment(Body.of(ctx));
      return book.recordPayment(caller, cooperativeId, p).map(r -> Reply.created(new JsonObject()
          .put("id", id(r.getId())).put("cooperativeId", id(r.getCooperativeId())).put("payable", r.getPayable())
          .put("householdId", r.getHouseholdId() == null ? null : id(r.getHouseholdId()))
          .put("amountFen", r.getAmountFen()).put("date", r.getPaidOn().toString()).put("from", r.getPaidFrom())
          .put("note", r.getNote()).put("ledgerEntryId", id(r.getLedgerEntryId()))));
    });
    mountMemberAccount(api, book);
    api.route(HttpMethod.POST, "/cooperatives/:id/periods/:year/close", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      int year = year(ctx.pathParam("year"));
      return book.closePeriod(caller, cooperativeId, year).map(c -> Reply.ok(new JsonObject()
          .put("cooperativeId", id(c.cooperativeId())).put("year", c.year())
          .put("closingEntryId", c.closingEntryId() == null ? null : id(c.closingEntryId()))
          .put("surplusFen", c.surplusFen()).put("closed", true)));
    });
  }

  static void mountMemberAccount(Api<Principal> api, BookService book) {
    api.route(HttpMethod.GET, "/cooperatives/:id/members/:householdId/account",
        Set.of(cn.bangfu.identity.Role.COOP, cn.bangfu.identity.Role.HOUSEHOLD, cn.bangfu.identity.Role.REGULATOR),
        (ctx, caller) -> {
          long cooperativeId = Api.pathId(ctx, "id", "cooperative");
          long householdId = Api.pathId(ctx, "householdId", "household");
          int year = year(ctx.queryParams().get("year"));
          return book.memberAccount(caller, cooperativeId, householdId, year).map(a -> Reply.ok(new JsonObject()
              .put("cooperativeId", id(a.cooperativeId())).put("householdId", id(a.householdId())).put("year", a.year())
              .put("shareCapitalFen", a.shareCapitalFen()).put("quantifiedFiscalFen", a.quantifiedFiscalFen())
              .put("quantifiedDonatedFen", a.quantifiedDonatedFen()).put("tradeVolumeFen", a.tradeVolumeFen())
              .put("rebatesFen", a.rebatesFen()).put("dividendsFen", a.dividendsFen()).put("paidFen", a.paidFen())
              .put("providentFundShareFen", a.providentFundShareFen())));
        });
  }

  /**
   * The statutory statements (DESIGN.md 8.1), JSON by default; `?format=xlsx` or an Accept of the
   * xlsx type answers the workbook. The cooperative's COOP user and regulators of its region read them.
   */
  static void mountStatements(Api<Principal> api, BookStatements statements) {
    Set<Role> readers = Set.of(COOP, Role.REGULATOR);
    api.route(HttpMethod.GET, "/cooperatives/:id/reports/balance-sheet", readers, (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      boolean xlsx = xlsx(ctx);
      LocalDate date = date(ctx.queryParams().get("date"));
      return statements.balanceSheet(caller, cooperativeId, date)
          .map(s -> statement(xlsx, s, StatementWorkbook::balanceSheet, StatementJson::balanceSheet));
    });
    api.route(HttpMethod.GET, "/cooperatives/:id/reports/surplus", readers, (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      boolean xlsx = xlsx(ctx);
      int year = year(ctx.queryParams().get("year"));
      return statements.surplus(caller, cooperativeId, year)
          .map(s -> statement(xlsx, s, StatementWorkbook::surplus, StatementJson::surplus));
    });
    api.route(HttpMethod.GET, "/cooperatives/:id/reports/member-equity", readers, (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      boolean xlsx = xlsx(ctx);
      int year = year(ctx.queryParams().get("year"));
      // rendered on the worker that read it: 100,000 members are a 20 MB document, not an event loop's work
      return statements.memberEquity(caller, cooperativeId, year, s -> xlsx
          ? Reply.file(StatementWorkbook.CONTENT_TYPE, Buffer.buffer(StatementWorkbook.memberEquity(s)))
          : new Reply(200, "application/json; charset=utf-8", StatementJson.memberEquity(s)));
    });
  }

  /** One statement as the workbook or as JSON: the same figures either way. */
  private static <S> Reply statement(boolean xlsx, S statement, Function<S, byte[]> workbook,
      Function<S, JsonObject> json) {
    return xlsx ? Reply.file(StatementWorkbook.CONTENT_TYPE, Buffer.buffer(workbook.apply(statement)))
        : Reply.ok(json.apply(statement));
  }

  /** `?format=json|xlsx` wins; without it an Accept naming the xlsx type asks for the workbook. */
  private static boolean xlsx(io.vertx.ext.web.RoutingContext ctx) {
    String format = ctx.queryParams().get("format");
    if (format != null) {
      return switch (format) {
        case "xlsx" -> true;
        case "json" -> false;
        default -> throw Problem.badRequest("format", "format is json or xlsx");
      };
    }
    String accept = ctx.request().getHeader("Accept");
    return accept != null && accept.contains(StatementWorkbook.CONTENT_TYPE);
  }

  private static java.time.LocalDate date(String raw) {
    try {
      java.time.LocalDate date = java.time.LocalDate.parse(raw == null ? "" : raw);
      if (date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR) {
        return date;
      }
    } catch (java.time.format.DateTimeParseException e) {
      // refused below
    }
    throw Problem.badRequest("date", "date must be a day (YYYY-MM-DD) from " + FIRST_YEAR + " to " + LAST_YEAR);
  }

  private static int year(String raw) {
    try {
      int year = Integer.parseInt(raw == null ? "" : raw);
      if (year >= FIRST_YEAR && year <= LAST_YEAR) {
        return year;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw Problem.badRequest("year", "year must be a calendar year from " + FIRST_YEAR + " to " + LAST_YEAR);
  }
}
