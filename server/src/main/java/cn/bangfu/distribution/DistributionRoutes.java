package cn.bangfu.distribution;

import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.identity.Authenticator;
import cn.bangfu.identity.Principal;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Set;

/** HTTP for distribution runs, their publicity notice, objections, approval, posting and payout. */
public final class DistributionRoutes {
  private DistributionRoutes() {
  }

  public static void mount(Api api, Authenticator authenticator, DraftService drafts, DistributionService runs,
      PublicNotice notices, PayoutFile payouts) {
    api.route(HttpMethod.POST, "/cooperatives/:id/distributions", Set.of(ADMIN, COOP), (ctx, caller) -> {
      long cooperativeId = Api.pathId(ctx, "id", "cooperative");
      Body body = Body.of(ctx);
      return drafts.draft(caller, cooperativeId, body.text("ruleSetId", 64), body.date("periodStart"),
          body.date("periodEnd")).map(view -> Reply.created(DistributionJson.run(view)));
    });
    api.route(HttpMethod.GET, "/distributions/:id", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) -> {
      Paging page = Paging.of(ctx);
      return runs.view(caller, runId(ctx), page.limit(), page.offset()).map(v -> Reply.ok(DistributionJson.run(v)));
    });
    api.route(HttpMethod.POST, "/distributions/:id/publicize", Set.of(ADMIN, COOP), (ctx, caller) -> {
      int days = (int) Body.of(ctx).integer("days", 1, 90);
      return runs.publicize(caller, runId(ctx), days).map(v -> Reply.ok(DistributionJson.run(v)));
    });
    api.publicRoute(HttpMethod.GET, "/public/distributions/:id/notice", ctx -> {
      boolean csv = "csv".equalsIgnoreCase(ctx.queryParams().get("format"));
      return notices.reply(runId(ctx), csv);
    });
    // Anyone who reads the notice may object, with or without a token; a household's token binds it.
    api.publicRoute(HttpMethod.POST, "/distributions/:id/objections", ctx -> {
      long runId = runId(ctx);
      Body body = Body.of(ctx);
      String text = body.text("text", 2000);
      Long householdId = body.has("householdId") ? body.id("householdId") : null;
      String authorization = ctx.request().getHeader("Authorization");
      Future<Principal> caller = authorization == null ? Future.succeededFuture(null)
          : authenticator.authenticate(authorization);
      return caller.compose(who -> runs.object(who, runId, householdId, text))
          .map(o -> Reply.created(DistributionJson.objections(java.util.List.of(o)).getJsonObject(0)));
    });
    api.route(HttpMethod.GET, "/distributions/:id/objections", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) ->
        runs.objections(caller, runId(ctx)).map(list -> Reply.ok(new JsonObject()
            .put("items", DistributionJson.objections(list)))));
    api.route(HttpMethod.POST, "/distributions/:id/objections/:objectionId/answer", Set.of(ADMIN, COOP),
        (ctx, caller) -> {
          long objectionId = Api.pathId(ctx, "objectionId", "objection");
          String answer = Body.of(ctx).text("answer", 2000);
          return runs.answer(caller, runId(ctx), objectionId, answer).map(list -> Reply.ok(new JsonObject()
              .put("items", DistributionJson.objections(list))));
        });
    api.route(HttpMethod.POST, "/distributions/:id/approve", Set.of(REGULATOR), (ctx, caller) ->
        runs.approve(caller, runId(ctx)).map(v -> Reply.ok(DistributionJson.run(v))));
    api.route(HttpMethod.POST, "/distributions/:id/post", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) ->
        runs.post(caller, runId(ctx)).map(v -> Reply.ok(DistributionJson.run(v))));
    api.route(HttpMethod.POST, "/distributions/:id/reverse", Set.of(REGULATOR), (ctx, caller) -> {
      String reason = Body.of(ctx).text("reason", 500);
      return runs.reverse(caller, runId(ctx), reason).map(v -> Reply.ok(DistributionJson.run(v)));
    });
    api.route(HttpMethod.GET, "/distributions/:id/payout", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) ->
        payouts.csv(caller, runId(ctx)).map(file -> Reply.file("text/csv; charset=utf-8", file)));
    api.route(HttpMethod.POST, "/distributions/:id/paid", Set.of(ADMIN, COOP), (ctx, caller) -> {
      LocalDate paidOn = Body.of(ctx).pastDate("paidOn");
      return runs.markPaid(caller, runId(ctx), paidOn).map(v -> Reply.ok(DistributionJson.run(v)));
    });
  }

  private static long runId(io.vertx.ext.web.RoutingContext ctx) {
    return Api.pathId(ctx, "id", "distribution run");
  }

}
