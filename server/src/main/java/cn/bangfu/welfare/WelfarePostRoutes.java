package cn.bangfu.welfare;

import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.REGULATOR;
import static cn.bangfu.platform.JsonValues.id;

import cn.bangfu.identity.Principal;
import cn.bangfu.db.tables.records.WelfarePostDayRecord;
import cn.bangfu.db.tables.records.WelfarePostRecord;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.registry.RegionCode;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.Set;

/**
 * HTTP for the welfare-post register (issue 14 point 7): the cooperative registers its posts and records
 * the days worked on them; the region's regulator (the village and township) reads them.
 */
public final class WelfarePostRoutes {
  private static final long MAX_MONTHLY_PAY_FEN = 10_000_000L; // 100,000 元: a typo, not a post
  private static final BigDecimal MAX_DAYS_PER_RECORD = new BigDecimal("31");

  private WelfarePostRoutes() {
  }

  public static void mount(Api<Principal> api, WelfarePostService posts) {
    api.route(HttpMethod.POST, "/cooperatives/:id/welfare-posts", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      Body body = Body.of(ctx);
      String region = body.text("regionCode", 12);
      String why = RegionCode.problemWith(region);
      if (why != null) {
        throw Problem.badRequest("regionCode", "regionCode " + why);
      }
      long pay = body.fen("monthlyPayFen", 1);
      if (pay > MAX_MONTHLY_PAY_FEN) {
        throw Problem.badRequest("monthlyPayFen", "monthlyPayFen is at most " + MAX_MONTHLY_PAY_FEN + " fen a month");
      }
      WelfarePostService.NewPost p = new WelfarePostService.NewPost(body.text("name", 100), region, pay,
          (int) body.integer("workDaysPerMonth", 1, 31), (int) body.integer("capacity", 1, 1000),
          body.date("startsOn"), body.optionalDate("endsOn"));
      return posts.createPost(caller, cooperativeId, p).map(r -> Reply.created(post(r, BigDecimal.ZERO)));
    });
    api.route(HttpMethod.GET, "/cooperatives/:id/welfare-posts", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) ->
        posts.list(caller, Api.pathId(ctx, "id", "cooperative")).map(list -> {
          JsonArray items = new JsonArray();
          list.forEach(l -> items.add(post(l.post(), l.daysRecorded())));
          return Reply.ok(new JsonObject().put("items", items));
        }));
    api.route(HttpMethod.POST, "/cooperatives/:id/welfare-posts/:postId/days", Set.of(COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      long postId = Api.pathId(ctx, "postId", "welfare post");
      Body body = Body.of(ctx);
      WelfarePostService.NewDays d = new WelfarePostService.NewDays(body.id("householdId"),
          body.decimal("days", 1, BigDecimal.ZERO, MAX_DAYS_PER_RECORD), body.pastDate("date"));
      return posts.recordDays(caller, cooperativeId, postId, d).map(r -> Reply.created(day(r)));
    });
  }

  static JsonObject post(WelfarePostRecord p, BigDecimal daysRecorded) {
    return new JsonObject().put("id", id(p.getId())).put("cooperativeId", id(p.getCooperativeId()))
        .put("name", p.getName()).put("regionCode", p.getRegionCode()).put("monthlyPayFen", p.getMonthlyPayFen())
        .put("workDaysPerMonth", p.getWorkDaysPerMonth()).put("capacity", p.getCapacity())
        .put("startsOn", p.getStartsOn().toString())
        .put("endsOn", p.getEndsOn() == null ? null : p.getEndsOn().toString())
        .put("daysRecorded", daysRecorded.stripTrailingZeros().toPlainString());
  }

  static JsonObject day(WelfarePostDayRecord d) {
    return new JsonObject().put("id", id(d.getId())).put("cooperativeId", id(d.getCooperativeId()))
        .put("postId", id(d.getPostId())).put("householdId", id(d.getHouseholdId()))
        .put("days", d.getDays().stripTrailingZeros().toPlainString()).put("date", d.getWorkedOn().toString());
  }
}
