package cn.bangfu.distribution;

import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.identity.Authenticator;
import cn.bangfu.identity.Principal;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** HTTP for distribution runs, their publicity notice, objections, approval, posting and payout. */
public final class DistributionRoutes {
  private DistributionRoutes() {
  }

  public static void mount(Api<Principal> api, Authenticator authenticator, DraftService drafts, DistributionService runs,
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
      // the service bounds days by the configured minimum; here only a whole number is required
      long days = Body.of(ctx).integer("days", Integer.MIN_VALUE, Integer.MAX_VALUE);
      return runs.publicize(caller, runId(ctx), days).map(v -> Reply.ok(DistributionJson.run(v)));
    });
    api.publicRoute(HttpMethod.GET, "/public/distributions/:id/notice", ctx -> {
      boolean csv = "csv".equalsIgnoreCase(ctx.queryParams().get("format"));
      return notices.reply(runId(ctx), csv, csv ? null : Paging.of(ctx));
    });
    // Anyone who reads the notice may object, with or without a token: a household of the run in its
    // own name, anyone else anonymously (DESIGN.md 6). A token that is sent must be valid (401).
    api.publicRoute(HttpMethod.POST, "/distributions/:id/objections", ctx -> {
      long runId = runId(ctx);
      Body body = Body.of(ctx);
      String text = body.text("text", DistributionService.MAX_OBJECTION_CHARS);
      Long householdId = body.has("householdId") ? body.id("householdId") : null;
      String authorization = ctx.request().getHeader("Authorization");
      Future<Principal> caller = authorization == null ? Future.succeededFuture(null)
          : authenticator.authenticate(authorization);
      return caller.compose(who -> runs.object(who, runId, householdId, text))
          .map(filed -> Reply.created(DistributionJson.filed(filed)));
    });
    api.route(HttpMethod.GET, "/distributions/:id/objections", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) -> {
      Paging page = Paging.of(ctx);
      ObjectionStatus status = statusParam(ctx);
      return runs.objections(caller, runId(ctx), status, page.limit(), page.offset())
          .map(p -> Reply.ok(DistributionJson.page(p)));
    });
    api.route(HttpMethod.POST, "/distributions/:id/objections/:objectionId/answer", Set.of(ADMIN, COOP),
        (ctx, caller) -> {
          long objectionId = Api.pathId(ctx, "objectionId", "objection");
          String answer = Body.of(ctx).text("answer", 2000);
          return runs.answer(caller, runId(ctx), objectionId, answer).map(changed -> Reply.ok(
              DistributionJson.objection(changed.objection()).put("counts", DistributionJson.counts(changed.counts()))));
        });
    api.route(HttpMethod.POST, "/distributions/:id/objections/dismiss", Set.of(REGULATOR), (ctx, caller) -> {
      Body body = Body.of(ctx);
      List<Long> objectionIds = ids(body, "objectionIds", DistributionService.MAX_DISMISSED_AT_ONCE);
      ObjectionStatus.DismissalKind kind = body.enumValue("kind", ObjectionStatus.DismissalKind.class);
      String reason = body.text("reason", 500);
      return runs.dismiss(caller, runId(ctx), objectionIds, kind, reason).map(counts -> Reply.ok(new JsonObject()
          .put("dismissed", objectionIds.size()).put("counts", DistributionJson.counts(counts))));
    });
    api.route(HttpMethod.POST, "/distributions/:id/approve", Set.of(REGULATOR), (ctx, caller) ->
        runs.approve(caller, runId(ctx)).map(v -> Reply.ok(DistributionJson.run(v))));
    api.route(HttpMethod.POST, "/distributions/:id/reject", Set.of(REGULATOR), (ctx, caller) -> {
      String reason = Body.of(ctx).text("reason", 500);
      return runs.reject(caller, runId(ctx), reason).map(v -> Reply.ok(DistributionJson.run(v)));
    });
    api.route(HttpMethod.POST, "/distributions/:id/post", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) ->
        runs.post(caller, runId(ctx)).map(v -> Reply.ok(DistributionJson.run(v))));
    api.route(HttpMethod.POST, "/distributions/:id/reverse", Set.of(REGULATOR), (ctx, caller) -> {
      String reason = Body.of(ctx).text("reason", 500);
      return runs.reverse(caller, runId(ctx), reason).map(v -> Reply.ok(DistributionJson.run(v)));
    });
    // the bank file carries full account numbers (issue 14 point 9): only the paying cooperative gets it;
    // the regulator reads the run and the exception list, never the accounts
    api.route(HttpMethod.GET, "/distributions/:id/payout", Set.of(COOP), (ctx, caller) ->
        payouts.csv(caller, runId(ctx)).map(file -> Reply.file("text/csv; charset=utf-8", file)));
    api.route(HttpMethod.GET, "/distributions/:id/payout-exceptions", Set.of(ADMIN, REGULATOR, COOP), (ctx, caller) ->
        payouts.exceptions(caller, runId(ctx)).map(file -> Reply.file("text/csv; charset=utf-8", file)));
    api.route(HttpMethod.POST, "/distributions/:id/paid", Set.of(ADMIN, COOP), (ctx, caller) -> {
      LocalDate paidOn = Body.of(ctx).pastDate("paidOn");
      return runs.markPaid(caller, runId(ctx), paidOn).map(v -> Reply.ok(DistributionJson.run(v)));
    });
  }

  private static long runId(io.vertx.ext.web.RoutingContext ctx) {
    return Api.pathId(ctx, "id", "distribution run");
  }

  private static ObjectionStatus statusParam(io.vertx.ext.web.RoutingContext ctx) {
    String raw = ctx.queryParams().get("status");
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    try {
      return ObjectionStatus.valueOf(raw);
    } catch (IllegalArgumentException e) {
      throw Problem.badRequest("status", "status must be one of OPEN, ANSWERED, DISMISSED");
    }
  }

  /** A non-empty array of distinct ids; each bad element is a 400 naming it, e.g. objectionIds[3]. */
  private static List<Long> ids(Body body, String field, int max) {
    JsonArray array = body.array(field, 1, max);
    LinkedHashSet<Long> ids = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      Object value = array.getValue(i);
      Long id = value instanceof String s ? Body.parseId(s.strip())
          : value instanceof Integer || value instanceof Long ? Body.parseId(value.toString()) : null;
      if (id == null) {
        throw Problem.badRequest(field + "[" + i + "]", field + "[" + i + "] must be an id (a string of digits)");
      }
      if (!ids.add(id)) {
        throw Problem.badRequest(field + "[" + i + "]", field + "[" + i + "] repeats objection " + id);
      }
    }
    return List.copyOf(ids);
  }

}
