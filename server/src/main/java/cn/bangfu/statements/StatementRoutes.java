package cn.bangfu.statements;

import cn.bangfu.identity.Principal;
import static cn.bangfu.identity.Role.ADMIN;
import static cn.bangfu.identity.Role.COOP;
import static cn.bangfu.identity.Role.HOUSEHOLD;
import static cn.bangfu.identity.Role.REGULATOR;

import cn.bangfu.platform.Api;
import cn.bangfu.platform.Problem;
import cn.bangfu.platform.Reply;
import io.vertx.core.http.HttpMethod;
import java.util.Set;

/** GET /households/{id}/statement?year= : the household itself, its cooperatives, the region's regulator. */
public final class StatementRoutes {
  private StatementRoutes() {
  }

  public static void mount(Api<Principal> api, StatementService statements) {
    api.route(HttpMethod.GET, "/households/:id/statement", Set.of(ADMIN, REGULATOR, COOP, HOUSEHOLD), (ctx, caller) -> {
      long householdId = Api.pathId(ctx, "id", "household");
      String rawYear = ctx.queryParams().get("year");
      Integer year = null;
      if (rawYear != null && !rawYear.isEmpty()) {
        if (!rawYear.matches("[0-9]{4}")) {
          throw Problem.badRequest("year", "year must be four digits, e.g. 2026");
        }
        year = Integer.parseInt(rawYear);
      }
      return statements.statement(caller, householdId, year).map(Reply::ok);
    });
  }
}
