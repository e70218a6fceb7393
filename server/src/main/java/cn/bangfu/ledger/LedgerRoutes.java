package cn.bangfu.ledger;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.BUYER;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.HOUSEHOLD;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Set;

/** HTTP for the ledger: trial balance and chain verification for overseers, accounts for their owners. */
public final class LedgerRoutes {
  private LedgerRoutes() {
  }

  public static void mount(Api<Principal> api, LedgerService ledger) {
    api.route(HttpMethod.GET, "/ledger/trial-balance", Set.of(ADMIN, REGULATOR), (ctx, caller) ->
        ledger.trialBalance(caller).map(t -> Reply.ok(LedgerJson.trialBalance(t.balance())
            .put("regionPrefix", t.regionPrefix()))));
    api.route(HttpMethod.GET, "/ledger/verify", Set.of(ADMIN, REGULATOR), (ctx, caller) ->
        ledger.verify().map(v -> Reply.ok(LedgerJson.verification(v))));
    api.route(HttpMethod.GET, "/accounts", Set.of(ADMIN, REGULATOR, COOP, BUYER, HOUSEHOLD), (ctx, caller) -> {
      LedgerService.Owner ownerType = ownerType(ctx);
      Long ownerId = Body.parseId(ctx.queryParams().get("ownerId"));
      if (ownerId == null) {
        throw Problem.badRequest("ownerId", "ownerId must be an id");
      }
      return ledger.accountsOf(caller, ownerType, ownerId).map(views -> Reply.ok(new JsonObject()
          .put("items", new JsonArray(views.stream().map(LedgerJson::account).toList()))));
    });
    api.route(HttpMethod.GET, "/accounts/:id", Set.of(ADMIN, REGULATOR, COOP, BUYER, HOUSEHOLD), (ctx, caller) -> {
      long accountId = Api.pathId(ctx, "id", "account");
      LocalDate asOf = asOf(ctx);
      Paging page = Paging.of(ctx);
      return ledger.account(caller, accountId, asOf, page.limit(), page.offset())
          .map(view -> Reply.ok(LedgerJson.accountWithLines(view, page.limit(), page.offset())));
    });
  }

  private static LedgerService.Owner ownerType(RoutingContext ctx) {
    String raw = ctx.queryParams().get("ownerType");
    try {
      return LedgerService.Owner.valueOf(raw == null ? "" : raw);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("ownerType", "ownerType must be one of COOPERATIVE, BUYER, HOUSEHOLD");
    }
  }

  private static LocalDate asOf(RoutingContext ctx) {
    String raw = ctx.queryParams().get("asOf");
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return LocalDate.parse(raw);
    } catch (DateTimeParseException e) {
      throw Problem.badRequest("asOf", "asOf must be a date YYYY-MM-DD");
    }
  }
}
