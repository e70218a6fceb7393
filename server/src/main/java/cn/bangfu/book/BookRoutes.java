package cn.bangfu.book;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.platform.JsonValues.id;

import cn.bangfu.book.BookCategories.ContributionKind;
import cn.bangfu.book.BookCategories.CostCategory;
import cn.bangfu.book.BookCategories.IncomeCategory;
import cn.bangfu.book.BookCategories.Into;
import cn.bangfu.book.BookCategories.PaidFrom;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Set;

/** The book's HTTP routes (DESIGN.md 8.1): income, costs, contributions, period close. */
public final class BookRoutes {
  private static final int FIRST_YEAR = 2000;
  private static final int LAST_YEAR = 2200;

  private BookRoutes() {
  }

  public static void mount(Api<Principal> api, BookService book) {
    api.route(HttpMethod.POST, "/cooperatives/:id/income", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      Body body = Body.of(ctx);
      BookService.NewIncome in = new BookService.NewIncome(body.fen("amountFen", 1),
          body.enumValue("category", IncomeCategory.class), body.pastDate("date"), body.optionalText("note", 500),
          body.enumValue("into", Into.class));
      return book.recordIncome(caller, cooperativeId, in).map(r -> Reply.created(new JsonObject()
          .put("id", id(r.getId())).put("cooperativeId", id(r.getCooperativeId())).put("amountFen", r.getAmountFen())
          .put("category", r.getCategory()).put("date", r.getReceivedOn().toString()).put("into", r.getReceivedInto())
          .put("note", r.getNote()).put("ledgerEntryId", id(r.getLedgerEntryId()))));
    });
    api.route(HttpMethod.POST, "/cooperatives/:id/costs", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      Body body = Body.of(ctx);
      // paidFrom may be left out: a cost whose payment is not stated is owed (应付款), never assumed paid
      PaidFrom paidFrom = body.has("paidFrom") ? body.enumValue("paidFrom", PaidFrom.class) : PaidFrom.PAYABLE;
      BookService.NewCost c = new BookService.NewCost(body.fen("amountFen", 1),
          body.enumValue("category", CostCategory.class), body.pastDate("date"), body.optionalText("note", 500),
          paidFrom);
      return book.recordCost(caller, cooperativeId, c).map(r -> Reply.created(new JsonObject()
          .put("id", id(r.getId())).put("cooperativeId", id(r.getCooperativeId())).put("amountFen", r.getAmountFen())
          .put("category", r.getCategory()).put("date", r.getIncurredOn().toString()).put("note", r.getNote())
          .put("paidFrom", r.getPaidFrom()).put("ledgerEntryId", id(r.getLedgerEntryId()))));
    });
    api.route(HttpMethod.POST, "/cooperatives/:id/contributions", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      Body body = Body.of(ctx);
      BookService.NewContribution c = new BookService.NewContribution(body.id("householdId"),
          body.fen("amountFen", 1), body.pastDate("date"), body.enumValue("kind", ContributionKind.class));
      return book.recordContribution(caller, cooperativeId, c).map(r -> Reply.created(new JsonObject()
          .put("id", id(r.getId())).put("cooperativeId", id(r.getCooperativeId()))
          .put("householdId", id(r.getHouseholdId())).put("kind", r.getKind()).put("amountFen", r.getAmountFen())
          .put("date", r.getContributedOn().toString()).put("ledgerEntryId", id(r.getLedgerEntryId()))));
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
              .put("rebatesFen", a.rebatesFen()).put("dividendsFen", a.dividendsFen()).put("paidFen", a.paidFen())));
        });
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
