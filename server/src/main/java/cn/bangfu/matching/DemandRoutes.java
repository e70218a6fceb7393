package cn.bangfu.matching;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.BUYER;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.matching.DemandService.NewDemand;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.registry.RegionCode;
import cn.bangfu.registry.Unit;
import cn.bangfu.supply.LotRoutes;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/** HTTP for demands and matching. */
public final class DemandRoutes {
  private DemandRoutes() {
  }

  public static void mount(Api<Principal> api, DemandService demands) {
    api.route(HttpMethod.POST, "/demands", Set.of(BUYER), (ctx, caller) -> {
      Body body = Body.of(ctx);
      long buyerId = body.id("buyerId");
      String product = body.text("product", 100);
      BigDecimal quantity = body.decimal("quantity", 3, BigDecimal.ZERO, LotRoutes.MAX_QUANTITY);
      Unit unit = body.enumValue("unit", Unit.class);
      long maxUnitPriceFen = body.integer("maxUnitPriceFen", 1, LotRoutes.MAX_UNIT_PRICE_FEN);
      LocalDate deliverBy = body.date("deliverBy");
      if (deliverBy.isBefore(body.today())) {
        throw Problem.badRequest("deliverBy", "deliverBy is in the past");
      }
      String region = body.optionalText("deliveryRegionCode", 12);
      if (region != null && RegionCode.problemWith(region) != null) {
        throw Problem.badRequest("deliveryRegionCode", "deliveryRegionCode " + RegionCode.problemWith(region));
      }
      NewDemand d = new NewDemand(buyerId, product, quantity, unit, maxUnitPriceFen, deliverBy, region);
      return demands.post(caller, d).map(row -> Reply.created(MatchingJson.demand(row)));
    });
    api.route(HttpMethod.GET, "/demands/:id", Set.of(ADMIN, REGULATOR, BUYER, COOP), (ctx, caller) ->
        demands.demand(caller, Api.pathId(ctx, "id", "demand")).map(row -> Reply.ok(MatchingJson.demand(row))));
    api.route(HttpMethod.GET, "/demands/:id/matches", Set.of(ADMIN, BUYER), (ctx, caller) -> {
      long id = Api.pathId(ctx, "id", "demand");
      return demands.matches(caller, id, limit(ctx))
          .map(scores -> Reply.ok(new JsonArray(scores.stream().map(MatchingJson::lotMatch).toList())));
    });
    api.route(HttpMethod.GET, "/lots/:id/demands", Set.of(ADMIN, COOP), (ctx, caller) -> {
      long id = Api.pathId(ctx, "id", "lot");
      return demands.demandsForLot(caller, id, limit(ctx))
          .map(scores -> Reply.ok(new JsonArray(scores.stream().map(MatchingJson::demandMatch).toList())));
    });
  }

  /** ?limit= of ranked results, 1-100 (default 20). */
  private static int limit(RoutingContext ctx) {
    String raw = ctx.queryParams().get("limit");
    if (raw == null || raw.isBlank()) {
      return 20;
    }
    try {
      int limit = Integer.parseInt(raw.strip());
      if (limit >= 1 && limit <= 100) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // the problem below names the parameter
    }
    throw Problem.badRequest("limit", "limit must be a whole number between 1 and 100");
  }
}
