package cn.bangfu.monitoring;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.HOUSEHOLD;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.monitoring.MonitoringCommands.NewEvent;
import cn.bangfu.monitoring.MonitoringCommands.NewFollowUp;
import cn.bangfu.monitoring.MonitoringCommands.NewMeasure;
import cn.bangfu.monitoring.MonitoringCommands.NewReferral;
import cn.bangfu.platform.Api;
import cn.bangfu.platform.Body;
import cn.bangfu.platform.Paging;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import cn.bangfu.platform.Params;
import io.vertx.core.http.HttpMethod;
import java.time.LocalDate;
import java.util.Set;

/** HTTP for monitoring (DESIGN.md 8.3): parse and check every field, then delegate to {@link MonitoringService}. */
public final class MonitoringRoutes {
  private MonitoringRoutes() {
  }

  public static void mount(Api<Principal> api, MonitoringService monitoring) {
    api.route(HttpMethod.PUT, "/monitoring/lines/:regionPrefix/:year", Set.of(REGULATOR), (ctx, caller) -> {
      String prefix = ctx.pathParam("regionPrefix");
      if (!Params.isRegionPrefix(prefix)) {
        throw Problem.badRequest("regionPrefix", "regionPrefix must be 1 to 12 digits of a 统计用区划代码");
      }
      int year = pathYear(ctx.pathParam("year"));
      Body body = Body.of(ctx);
      return monitoring.putLine(caller, prefix, year, body.fen("perCapitaIncomeFen", 1)).map(Reply::ok);
    });
    api.route(HttpMethod.GET, "/households/:id/income", Set.of(ADMIN, REGULATOR, COOP, HOUSEHOLD), (ctx, caller) ->
        monitoring.income(caller, Api.pathId(ctx, "id", "household"), Params.year(ctx)).map(Reply::ok));

    api.route(HttpMethod.POST, "/households/:id/events", Set.of(REGULATOR), (ctx, caller) -> {
      long household = Api.pathId(ctx, "id", "household");
      Body body = Body.of(ctx);
      NewEvent event = new NewEvent(body.enumValue("kind", RiskEventKind.class),
          body.has("amountFen") ? body.fen("amountFen", 0) : null, body.pastDate("date"),
          body.optionalText("note", 1000));
      return monitoring.recordEvent(caller, household, event).map(Reply::created);
    });
    api.route(HttpMethod.POST, "/households/:id/assistance", Set.of(REGULATOR), (ctx, caller) -> {
      long household = Api.pathId(ctx, "id", "household");
      return monitoring.recordMeasure(caller, household, newMeasure(Body.of(ctx))).map(Reply::created);
    });
    api.route(HttpMethod.POST, "/households/:id/referrals", Set.of(REGULATOR), (ctx, caller) -> {
      long household = Api.pathId(ctx, "id", "household");
      Body body = Body.of(ctx);
      NewReferral referral = new NewReferral(body.text("department", 100), body.date("dueOn"),
          body.optionalText("note", 1000));
      return monitoring.refer(caller, household, referral).map(Reply::created);
    });
    api.route(HttpMethod.POST, "/households/:id/follow-ups", Set.of(REGULATOR), (ctx, caller) -> {
      long household = Api.pathId(ctx, "id", "household");
      Body body = Body.of(ctx);
      NewFollowUp followUp = new NewFollowUp(body.text("note", 1000),
          body.has("referralId") ? body.id("referralId") : null);
      return monitoring.followUp(caller, household, followUp).map(Reply::created);
    });
    api.route(HttpMethod.POST, "/households/:id/closure", Set.of(REGULATOR), (ctx, caller) -> {
      long household = Api.pathId(ctx, "id", "household");
      Body body = Body.of(ctx);
      return monitoring.close(caller, household, body.text("note", 1000)).map(Reply::created);
    });
    api.route(HttpMethod.GET, "/households/:id/chain", Set.of(ADMIN, REGULATOR, HOUSEHOLD), (ctx, caller) ->
        monitoring.chain(caller, Api.pathId(ctx, "id", "household")).map(Reply::ok));

    api.route(HttpMethod.GET, "/monitoring/alerts", Set.of(REGULATOR), (ctx, caller) -> {
      Paging page = Paging.of(ctx);
      String kind = ctx.queryParams().get("kind");
      AlertKind alertKind = null;
      if (kind != null && !kind.isEmpty()) {
        try {
          alertKind = AlertKind.valueOf(kind);
        } catch (IllegalArgumentException e) {
          throw Problem.badRequest("kind", "kind must be one of " + java.util.Arrays.toString(AlertKind.values()));
        }
      }
      String rawStatus = ctx.queryParams().get("status");
      AlertStatus status = AlertStatus.OPEN;
      if (rawStatus != null && !rawStatus.isEmpty()) {
        try {
          status = AlertStatus.valueOf(rawStatus);
        } catch (IllegalArgumentException e) {
          throw Problem.badRequest("status", "status must be OPEN, RESOLVED or CLOSED");
        }
      }
      int year = ctx.queryParams().get("year") == null ? cn.bangfu.platform.BusinessClock.of(ctx).today().getYear() : Params.year(ctx);
      return monitoring.alerts(caller, Params.regionPrefix(ctx, "regionPrefix"), alertKind, year, status,
          page.limit(), page.offset()).map(items -> Reply.ok(page.wrap(items)));
    });
    api.route(HttpMethod.POST, "/monitoring/evaluations", Set.of(REGULATOR), (ctx, caller) -> {
      Body body = Body.of(ctx);
      String prefix = body.has("regionPrefix") ? body.text("regionPrefix", 12) : null;
      if (prefix != null && !Params.isRegionPrefix(prefix)) {
        throw Problem.badRequest("regionPrefix", "regionPrefix must be 1 to 12 digits of a 统计用区划代码");
      }
      int year = body.has("year") ? bodyYear(body) : cn.bangfu.platform.BusinessClock.of(ctx).today().getYear();
      return monitoring.evaluateRegion(caller, prefix, year).map(Reply::ok);
    });
    api.route(HttpMethod.GET, "/monitoring/export", Set.of(REGULATOR), (ctx, caller) -> {
      int year = ctx.queryParams().get("year") == null ? cn.bangfu.platform.BusinessClock.of(ctx).today().getYear()
          : Params.year(ctx);
      return monitoring.export(caller, Params.regionPrefix(ctx, "regionPrefix"), year)
          .map(bytes -> Reply.file(MonitoringExport.CONTENT_TYPE, io.vertx.core.buffer.Buffer.buffer(bytes)));
    });
    AlertStream.mount(api);
  }

  private static int bodyYear(Body body) {
    long year = body.integer("year", 2000, 2100);
    return (int) year;
  }

  private static int pathYear(String raw) {
    if (raw != null && raw.matches("[0-9]{4}")) {
      int year = Integer.parseInt(raw);
      if (year >= 2000 && year <= 2100) {
        return year;
      }
    }
    throw Problem.badRequest("year", "year must be a year between 2000 and 2100");
  }

  /** The measure body checked field by field; the regulator's page is checked by this same parser. */
  public static NewMeasure newMeasure(Body body) {
    LocalDate start = body.date("start");
    LocalDate end = body.date("end");
    if (end.isBefore(start)) {
      throw Problem.badRequest("end", "end is before start");
    }
    return new NewMeasure(body.text("department", 100), body.enumValue("kind", AssistanceKind.class),
        body.fen("amountFen", 0), start, end, body.optionalText("note", 1000));
  }
}
