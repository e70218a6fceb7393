package cn.bangfu.linkage;

import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.identity.Principal;
import cn.bangfu.db.tables.records.LandPlotRecord;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.registry.RegionCode;
import cn.bangfu.platform.Params;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;

/** HTTP for the plot register and the regulator's linkage roll-up. */
public final class LinkageRoutes {
  /** No base of one cooperative is larger than this; a bigger figure is a typo (亩 for 平方米). */
  private static final BigDecimal MAX_PLOT_MU = new BigDecimal("1000000");

  private LinkageRoutes() {
  }

  public static void mount(Api<Principal> api, LinkageService linkage) {
    api.route(HttpMethod.POST, "/cooperatives/:id/plots", Set.of(ADMIN, COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      Body body = Body.of(ctx);
      String regionCode = body.text("regionCode", 12);
      String why = RegionCode.problemWith(regionCode);
      if (why != null) {
        throw Problem.badRequest("regionCode", "regionCode " + why);
      }
      LocalDate since = body.date("since");
      LocalDate until = body.optionalDate("until");
      if (until != null && !until.isAfter(since)) {
        throw Problem.badRequest("until", "until (the first day the plot is no longer part of the base) must be after"
            + " since");
      }
      LinkageService.NewPlot plot = new LinkageService.NewPlot(body.text("name", 100), regionCode,
          body.decimal("areaMu", 2, BigDecimal.ZERO, MAX_PLOT_MU), since, until);
      return linkage.registerPlot(caller, cooperativeId, plot).map(row -> Reply.created(json(row)));
    });
    api.route(HttpMethod.GET, "/cooperatives/:id/plots", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) -> {
      Paging page = Paging.of(ctx);
      return linkage.plots(caller, Api.pathId(ctx, "id", "cooperative"), page.limit(), page.offset())
          .map(rows -> Reply.ok(page.wrap(rows.stream().map(LinkageRoutes::json).toList())));
    });
    api.route(HttpMethod.GET, "/regions/:prefix/linkage-checks", Set.of(ADMIN, REGULATOR), (ctx, caller) -> {
      String prefix = ctx.pathParam("prefix");
      if (!Params.isRegionPrefix(prefix)) {
        throw Problem.notFound("region", String.valueOf(prefix));
      }
      String ruleSetId = ctx.queryParams().get("ruleSetId");
      Paging page = Paging.of(ctx);
      return linkage.regionChecks(caller, prefix, Params.year(ctx),
          ruleSetId == null || ruleSetId.isEmpty() ? LinkageService.DEFAULT_CHECK : ruleSetId, page.limit(),
          page.offset()).map(Reply::ok);
    });
  }

  static JsonObject json(LandPlotRecord p) {
    return new JsonObject().put("id", Long.toString(p.getId())).put("cooperativeId", Long.toString(p.getCooperativeId()))
        .put("name", p.getName()).put("regionCode", p.getRegionCode())
        .put("areaMu", p.getAreaMu().stripTrailingZeros().toPlainString())
        .put("since", p.getSince().toString()).put("until", p.getUntil() == null ? null : p.getUntil().toString());
  }
}
